/**
 * reconcile-worker: invoked asynchronously by scheduled-reconcile with one shard of pairing names
 * (`{pairings, runId, shard, shards}`). Reconciles them and logs the report; throws only for a failure
 * a retry may fix, because FC retries every error of an async invocation (s.yaml). Pairings no retry
 * fixes (RunFailed) are reported in the log, the history and the Run:Failed event, not thrown; a bad
 * payload is reported, not thrown.
 */
import { parseWorkerPayload } from '../../shared/triggers/worker';
import { reconcileShard } from '../../shared/fanout/reconcile-shard';
import type { FcContext } from '../../shared/function-host';
import { rejectInput, startInvocation } from '../../shared/function-host';

export const handler = async (event: Buffer | string | object, context: FcContext): Promise<unknown> => {
  const { log, config, runtime, retry } = await startInvocation(context, 'fc-async');
  const payload = parseWorkerPayload(event);
  const outcome = payload.ok
    ? await reconcileShard(config, payload.value, runtime.reconcileDeps(log, 'worker'), { retry })
    : rejectInput(log, payload.error);
  if (outcome.retry) throw outcome.retry;
  return outcome.result;
};
