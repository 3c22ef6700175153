import { describe, expect, it } from 'vitest';
import { RateGate } from '../../shared/cloud/rate-gate';

/** A clock the test moves: sleeping advances it, so the gate's schedule is exact. */
function fakeClock() {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}

describe('RateGate', () => {
  it('lets the burst through at once, then one call per 1/rate seconds, in arrival order', async () => {
    const clock = fakeClock();
    const gate = new RateGate(2, 2, clock.now, clock.sleep);
    const started: [number, number][] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => gate.take().then(() => started.push([i, clock.now()]))));
    expect(started).toEqual([
      [0, 0],
      [1, 0],
      [2, 500],
      [3, 1000],
      [4, 1500],
    ]);
  });

  it('refills while idle, never past its burst', async () => {
    const clock = fakeClock();
    const gate = new RateGate(10, 3, clock.now, clock.sleep);
    await Promise.all([1, 2, 3].map(() => gate.take()));
    await clock.sleep(60_000);
    const before = clock.now();
    await Promise.all([1, 2, 3, 4].map(() => gate.take()));
    expect(clock.now() - before).toBe(100);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RateGate(0)).toThrow(/positive rate/);
  });
});
