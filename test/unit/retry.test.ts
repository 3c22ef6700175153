import { describe, expect, it } from 'vitest';
import { withRetry, type RetryPolicy } from '../../shared/cloud/retry';
import { SgPairingError } from '../../shared/errors';
import { cloudErrorCode } from '../../shared/error-codes';

const sleeps: number[] = [];
const policy: RetryPolicy = {
  maxAttempts: 3,
  maxThrottleWaitMs: 1_000,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  sleep: async (ms) => void sleeps.push(ms),
  random: () => 0.5,
};
const err = (code: string, retryable = true, retryAfterMs?: number) =>
  Object.assign(
    new SgPairingError(code, { code: cloudErrorCode(code), retryable }),
    retryAfterMs ? { retryAfterMs } : {},
  );

function failing(errors: Error[]) {
  let calls = 0;
  return {
    fn: async () => {
      calls += 1;
      const e = errors.shift();
      if (e) throw e;
      return 'ok';
    },
    calls: () => calls,
  };
}

describe('withRetry', () => {
  it('retries retryable failures with growing jittered backoff, then succeeds', async () => {
    sleeps.length = 0;
    const f = failing([err('ServiceUnavailable'), err('RequestTimeout')]);
    expect(await withRetry(f.fn, policy)).toBe('ok');
    expect(sleeps).toEqual([50, 100]);
  });

  it('throws a terminal failure at once', async () => {
    const f = failing([err('AccessDenied', false)]);
    await expect(withRetry(f.fn, policy)).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(f.calls()).toBe(1);
  });

  it('gives up after maxAttempts failures', async () => {
    const f = failing([
      err('ServiceUnavailable'),
      err('ServiceUnavailable'),
      err('ServiceUnavailable'),
      err('ServiceUnavailable'),
    ]);
    await expect(withRetry(f.fn, policy)).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    expect(f.calls()).toBe(3);
  });

  it('waits out throttling by its retry-after hint, beyond maxAttempts, without re-reading', async () => {
    sleeps.length = 0;
    const f = failing(Array.from({ length: 5 }, () => err('Throttling.User', true, 200)));
    let looked = 0;
    expect(await withRetry(f.fn, { ...policy, maxThrottleWaitMs: 10_000 }, async () => (looked++, 'retry'))).toBe('ok');
    expect(sleeps).toEqual([250, 250, 250, 250, 250]);
    expect(looked).toBe(0);
  });

  it('after an ambiguous failure, a look that finds the write done ends the retries', async () => {
    const f = failing([err('RequestTimeout'), err('RequestTimeout')]);
    expect(await withRetry(f.fn, policy, async () => 'done')).toBeUndefined();
    expect(f.calls()).toBe(1);
  });
});
