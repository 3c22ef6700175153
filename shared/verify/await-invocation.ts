import type { AssistantPort, InvocationResult } from '../cloud/port';
import { withRetry, type RetryPolicy } from '../cloud/retry';

export interface PollOptions {
  /** between two DescribeInvocationResults calls; the first comes one interval after InvokeCommand */
  readonly intervalMs: number;
  /** stop polling after this long in total */
  readonly maxWaitMs: number;
  readonly retry: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

/** InvocationStatus values after which nothing changes any more. */
const FINAL = new Set([
  'success',
  'failed',
  'timeout',
  'error',
  'invalid',
  'aborted',
  'cancelled',
  'terminated',
  'stopped',
]);

export function isFinal(status: string): boolean {
  return FINAL.has(status.toLowerCase());
}

/**
 * Polls one instance's result of an invocation until it is final, at a fixed interval, for at most
 * `maxWaitMs`: the result, or undefined when time ran out. A result not visible yet (an empty
 * answer, or InvalidInvokeId.NotFound right after InvokeCommand) counts as still running.
 */
export async function awaitInvocation(
  assistant: AssistantPort,
  invokeId: string,
  instanceId: string,
  options: PollOptions,
): Promise<InvocationResult | undefined> {
  const started = options.now();
  for (;;) {
    if (options.now() - started + options.intervalMs > options.maxWaitMs) return undefined;
    await options.sleep(options.intervalMs);
    const results = await withRetry(() => describeVisible(assistant, invokeId, instanceId), options.retry);
    const mine = results.find((r) => r.instanceId === instanceId);
    if (mine && isFinal(mine.status)) return mine;
  }
}

async function describeVisible(
  assistant: AssistantPort,
  invokeId: string,
  instanceId: string,
): Promise<InvocationResult[]> {
  try {
    return await assistant.describeInvocationResults(invokeId, instanceId);
  } catch (err) {
    if ((err as { code?: string }).code === 'InvalidInvokeId.NotFound') return [];
    throw err;
  }
}
