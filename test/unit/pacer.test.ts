import { describe, expect, it } from 'vitest';
import { Pacer } from '../../shared/cloud/pacer';
import { SgPairingError } from '../../shared/errors';
import { cloudErrorCode } from '../../shared/error-codes';

const throttle = () =>
  Object.assign(new SgPairingError('Throttling.User', { code: cloudErrorCode('Throttling.User') }), {
    retryAfterMs: 1,
  });

describe('Pacer', () => {
  it('never has more calls in flight than its limit', async () => {
    const pacer = new Pacer(3);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        pacer.run(async () => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setTimeout(r, 2)); // the call's own duration
          inFlight -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it('halves its concurrency on throttling and grows it back by one per window of successes', async () => {
    const pacer = new Pacer(8, 8);
    await expect(pacer.run(() => Promise.reject(throttle()))).rejects.toMatchObject({
      code: cloudErrorCode('Throttling.User'),
    });
    expect(pacer.concurrency).toBe(4);
    await expect(pacer.run(() => Promise.reject(throttle()))).rejects.toThrow();
    expect(pacer.concurrency).toBe(2);
    for (let i = 0; i < 2; i++) await pacer.run(async () => 'ok');
    expect(pacer.concurrency).toBe(3);
  });

  it('halves once for the refusals of one burst: calls sent before the reduction do not reduce again', async () => {
    const pacer = new Pacer(8, 8);
    const refusals: (() => void)[] = [];
    const burst = Array.from({ length: 8 }, () =>
      pacer.run(() => new Promise((_, reject) => refusals.push(() => reject(throttle())))).catch(() => 'throttled'),
    );
    await new Promise((r) => setImmediate(r));
    refusals.forEach((refuse) => refuse());
    expect(await Promise.all(burst)).toEqual(Array(8).fill('throttled'));
    expect(pacer.concurrency).toBe(4);
  });

  it('starts again from its initial concurrency after a second of idleness (the quota has refilled)', async () => {
    let now = 0;
    const pacer = new Pacer(4, 16, () => now);
    const refused = () =>
      Promise.reject(new SgPairingError('Throttling.User', { code: cloudErrorCode('Throttling.User') }));
    await expect(pacer.run(refused)).rejects.toThrow();
    await expect(pacer.run(refused)).rejects.toThrow();
    expect(pacer.concurrency).toBe(1);
    now += 999;
    await pacer.run(async () => 'ok');
    expect(pacer.concurrency).toBe(2);
    now += 1_000;
    let peak = 0;
    let inFlight = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        pacer.run(async () => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setImmediate(r));
          inFlight -= 1;
        }),
      ),
    );
    expect(peak).toBe(4);
  });

  it('waits longer before starting again when the hints say the quota refills slowly', async () => {
    let now = 0;
    const pacer = new Pacer(4, 16, () => now);
    // a party refilling one call per 800 ms: four calls' quota is back after 3.2 s, not after 1 s
    const refused = () =>
      Promise.reject(
        Object.assign(new SgPairingError('Throttling.User', { code: cloudErrorCode('Throttling.User') }), {
          retryAfterMs: 800,
        }),
      );
    await expect(pacer.run(refused)).rejects.toThrow();
    now += 800;
    await expect(pacer.run(refused)).rejects.toThrow();
    expect(pacer.concurrency).toBe(1);
    now += 2_000;
    await pacer.run(async () => 'ok');
    expect(pacer.concurrency).toBe(2);
    now += 3_200;
    await pacer.run(async () => 'ok');
    expect(pacer.concurrency).toBe(4);
  });

  it('passes other failures through without slowing down', async () => {
    const pacer = new Pacer(4);
    await expect(
      pacer.run(() => Promise.reject(new SgPairingError('x', { code: cloudErrorCode('ServiceUnavailable') }))),
    ).rejects.toThrow();
    expect(pacer.concurrency).toBe(4);
  });
});
