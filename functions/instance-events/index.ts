/**
 * instance-events: the EventBridge trigger (ActionTrail ECS API calls, instance state changes).
 * The events only say which account, region, instances and groups were touched; the pairings that
 * involve them are reconciled in one run. Throws only for a failure a retry may fix.
 */
import type { FcContext } from '../../shared/function-host';
import { startInvocation } from '../../shared/function-host';
import { parseEventBridgeInput, reconcileEvents, type EventsResult } from '../../shared/triggers/eventbridge';

export const handler = async (event: Buffer | string | object, context: FcContext): Promise<EventsResult> => {
  const { log, config, runtime, retry } = await startInvocation(context, 'eventbridge');
  const events = parseEventBridgeInput(event);
  const outcome = await reconcileEvents(config, events, runtime.reconcileDeps(log, 'event'), { retry });
  if (outcome.retry) throw outcome.retry;
  return outcome.result;
};
