import { DEFAULT_RETRY, type RetryPolicy } from '../cloud/retry';
import { TerminalError } from '../errors';
import type { FcContext } from './function-runtime';

/**
 * The retry budget of one invocation. FC stops a function at its timeout, so waiting out throttling
 * may use at most half of it (the rest is for the reads and writes); a failure left over is thrown,
 * and EventBridge / FC async invocation retries the whole invocation later. Operators may narrow it
 * with SG_PAIRING_RETRY_MAX_ATTEMPTS and SG_PAIRING_THROTTLE_WAIT_MS.
 */
export function invocationRetryPolicy(
  context: FcContext & { function?: { timeout?: number } },
  env: NodeJS.ProcessEnv = process.env,
): RetryPolicy {
  const timeoutS = context.function?.timeout;
  const budget = typeof timeoutS === 'number' && timeoutS > 0 ? (timeoutS * 1000) / 2 : Infinity;
  const maxThrottleWaitMs = Math.min(
    DEFAULT_RETRY.maxThrottleWaitMs ?? 0,
    budget,
    numberFromEnv(env, 'SG_PAIRING_THROTTLE_WAIT_MS', 0) ?? Infinity,
  );
  const maxAttempts = numberFromEnv(env, 'SG_PAIRING_RETRY_MAX_ATTEMPTS', 1) ?? DEFAULT_RETRY.maxAttempts;
  return { ...DEFAULT_RETRY, maxAttempts, maxThrottleWaitMs };
}

function numberFromEnv(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min)
    throw new TerminalError(`${name} must be a whole number >= ${min}, got "${raw}"`, {
      code: 'RetryOptionsInvalid',
      operation: 'invocationRetryPolicy',
    });
  return n;
}
