import { isSgPairingError } from '../errors';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** injectable for tests; real timers otherwise */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 5_000 };

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Exponential backoff with full jitter, only for failures marked retryable (throttling, 5xx,
 * timeouts, network). A server's retry-after hint is honoured as a lower bound. `beforeRetry` lets a
 * write re-read state first, so a timed-out write that actually landed is not sent again.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  beforeRetry?: (err: unknown) => Promise<'retry' | 'done'>,
): Promise<T | undefined> {
  const sleep = policy.sleep ?? sleepFor;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const retryable = isSgPairingError(err) && err.retryable;
      if (!retryable || attempt >= policy.maxAttempts) throw err;
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const hint = (err as { retryAfterMs?: number }).retryAfterMs ?? 0;
      await sleep(Math.max(hint, Math.floor(random() * cap)));
      if (beforeRetry && (await beforeRetry(err)) === 'done') return undefined;
    }
  }
}
