import { isSgPairingError } from '../errors';

export interface RetryPolicy {
  /** attempts for failures other than throttling */
  maxAttempts: number;
  /** throttling is the service pacing us, not failing: keep waiting its hints this long in total */
  maxThrottleWaitMs?: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** injectable for tests; real timers otherwise */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Cloud error codes a retry can fix: the service is busy, paced us, or is still busy with an earlier
 * request (the same ClientToken, the same resource). What terraform-provider-alicloud retries writes on:
 * alicloud/errors.go `NeedRetry` (ServiceUnavailable, Throttling*, Rejected.Throttling), which its ECS
 * resources (resource_alicloud_instance.go, resource_alicloud_ecs_disk.go) retry on, with InternalError and
 * OperationConflict; and LastTokenProcessing, OperationFailed.LastTokenProcessing, IncorrectStatus[.<resource>],
 * SystemBusy from its lists for ClientToken writes (e.g. resource_alicloud_vpc_flow_log.go). Sources in
 * emulator/COVERAGE.md. Anything else the cloud refuses (InvalidParam.*, Forbidden.*, NoPermission, a quota,
 * an instance's status, ...) is the caller's to fix and is never retried; a 5xx is retried whatever its code.
 */
const TRANSIENT_CODES =
  /^(Throttling(\..+)?|Rejected\.Throttling|ServiceUnavailable|InternalError|SystemBusy|LastTokenProcessing|OperationFailed\.LastTokenProcessing|OperationConflict|IncorrectStatus(\..+)?)$/;

export const isTransientCloudCode = (code: string): boolean => TRANSIENT_CODES.test(code);

const MAX_THROTTLE_WAIT_MS = 120_000;
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 8,
  maxThrottleWaitMs: MAX_THROTTLE_WAIT_MS,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
};

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Retries only failures marked retryable (throttling, 5xx, timeouts, network): at most
 * `maxAttempts` failures, while throttling is waited out (its retry-after hints) up to
 * `maxThrottleWaitMs`. `beforeRetry` lets a write re-read state after an ambiguous failure, so a
 * timed-out write that actually landed is not sent again.
 */
export function withRetry<T>(fn: (attempt: number) => Promise<T>, policy?: RetryPolicy): Promise<T>;
/** With `beforeRetry`: undefined when the look found the work already done. */
export function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy | undefined,
  beforeRetry: (err: unknown) => Promise<'retry' | 'done'>,
): Promise<T | undefined>;
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  beforeRetry?: (err: unknown) => Promise<'retry' | 'done'>,
): Promise<T | undefined> {
  const sleep = policy.sleep ?? sleepFor;
  const random = policy.random ?? Math.random;
  let failures = 0;
  let throttles = 0;
  let throttledMs = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!isSgPairingError(err) || !err.retryable) throw err;
      const throttled = err.code.startsWith('Throttling');
      if (throttled) throttles += 1;
      else failures += 1;
      if (
        failures >= policy.maxAttempts ||
        (throttled && throttledMs >= (policy.maxThrottleWaitMs ?? MAX_THROTTLE_WAIT_MS))
      )
        throw err;
      const delay = delayFor(err, throttled ? throttles : failures, policy, random);
      if (throttled) throttledMs += delay;
      await sleep(delay);
      // A throttled request was refused before it ran; only an ambiguous failure needs a look first.
      if (!throttled && beforeRetry && (await beforeRetry(err)) === 'done') return undefined;
    }
  }
}

/**
 * A server's retry-after hint is when capacity comes back: wait that, plus a little jitter so the
 * waiters don't arrive together. Without a hint: exponential backoff with full jitter.
 */
function delayFor(err: unknown, attempt: number, policy: RetryPolicy, random: () => number): number {
  const hint = (err as { retryAfterMs?: number }).retryAfterMs;
  if (hint !== undefined && hint > 0) return hint + Math.floor(random() * Math.min(hint, policy.baseDelayMs));
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}
