/**
 * scheduled-reconcile: the timer trigger (`{triggerTime, triggerName, payload}`, every 10 minutes).
 * A full reconcile, in-process up to SG_PAIRING_FANOUT_ACCOUNTS accounts, else one asynchronous
 * reconcile-worker invocation per shard of accounts. Throws only for a failure a retry may fix.
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
        { ...runtime.reconcileDeps(log), functions: () => runtime.functions(context.accountId ?? '') },
        { ...options, retry },
      )
    : rejectInput(log, timer.error);
  if (outcome.retry) throw outcome.retry;
  return outcome.result;
};
