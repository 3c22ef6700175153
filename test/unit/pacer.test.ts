import { describe, expect, it } from 'vitest';
import { Pacer } from '../../shared/cloud/pacer';
import { SgPairingError } from '../../shared/errors';

const throttle = () => Object.assign(new SgPairingError('Throttling.User', { code: 'Throttling.User' }), { retryAfterMs: 1 });

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
    await expect(pacer.run(() => Promise.reject(throttle()))).rejects.toMatchObject({ code: 'Throttling.User' });
    expect(pacer.concurrency).toBe(4);
    await expect(pacer.run(() => Promise.reject(throttle()))).rejects.toThrow();
    expect(pacer.concurrency).toBe(2);
    for (let i = 0; i < 2; i++) await pacer.run(async () => 'ok');
    expect(pacer.concurrency).toBe(3);
  });

  it('passes other failures through without slowing down', async () => {
    const pacer = new Pacer(4);
    await expect(pacer.run(() => Promise.reject(new SgPairingError('x', { code: 'ServiceUnavailable' })))).rejects.toThrow();
    expect(pacer.concurrency).toBe(4);
  });
});
