/**
 * scheduled-reconcile: the timer trigger (`{triggerTime, triggerName, payload}`, every 10 minutes).
 * A full reconcile, in-process up to SG_PAIRING_FANOUT_ACCOUNTS accounts, else one asynchronous
 * reconcile-worker invocation per shard of accounts. Throws for a failure a retry may fix, and, after
 * the work, for pairings failed in a way no retry fixes (RunFailed: visible to FC, never retried).
 */
import { fanoutOptionsFromEnv, runScheduledReconcile } from '../../shared/fanout';
import type { FcContext } from '../../shared/function-host';
import { rejectInput, startInvocation } from '../../shared/function-host';
import { parseTimerEvent } from '../../shared/triggers/timer';

export const handler = async (event: Buffer | string | object, context: FcContext): Promise<unknown> => {
  const { log, config, runtime, retry } = await startInvocation(context, 'timer');
  const options = fanoutOptionsFromEnv();
  const timer = parseTimerEvent(event);
  const outcome = timer.ok
    ? await runScheduledReconcile(
        config,
        timer.value,
        { ...runtime.reconcileDeps(log, 'timer'), functions: () => runtime.functions(context.accountId ?? '') },
        { ...options, retry },
      )
    : rejectInput(log, timer.error);
  if (outcome.retry) throw outcome.retry;
  if (outcome.fail) throw outcome.fail; // after the work: FC counts the error, s.yaml does not retry it
  return outcome.result;
};
