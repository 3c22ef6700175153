import { randomUUID } from 'node:crypto';
import { apiError } from '../../errors/api-errors';
import type { Handler, HandlerTable } from '../../models/context';

/**
 * EventBridge PutEvents (2020-04-01,
 * https://www.alibabacloud.com/help/en/eventbridge/developer-reference/api-eventbridge-2020-04-01-putevents):
 * `EventBusName` and `EventList` (a JSON array of CloudEvents: Id, Source, Type required) to a bus of the
 * caller's account; answers Code 200, Success, Data {FailedEntryCount, EntryList[{EventId}]}. A bus the
 * account does not have: EventBusNotExist (404, UNCONFIRMED: COVERAGE-oss.md). An entry without Id, Source
 * or Type is refused in its entry (ErrorCode InvalidArgument), the others kept.
 */
export const putEvents: Handler = (ctx) => {
  const bus = ctx.params.EventBusName ?? '';
  if (bus === '') throw apiError('MissingParameter', 'EventBusName is mandatory for this action.');
  const received = ctx.world.sinks.busEvents(ctx.caller.account, bus);
  if (received === undefined) throw apiError('EventBusNotExist', `The event bus [${bus}] does not exist.`);
  let list: unknown;
  try {
    list = JSON.parse(ctx.params.EventList ?? '');
  } catch {
    throw apiError('InvalidParameter', 'EventList is not a JSON array of events.');
  }
  if (!Array.isArray(list) || list.length === 0)
    throw apiError('InvalidParameter', 'EventList is not a JSON array of events.');
  const entries = list.map((raw: Record<string, unknown>) => {
    const ok = typeof raw?.Id === 'string' && typeof raw.Source === 'string' && typeof raw.Type === 'string';
    if (!ok) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Id, Source and Type are required.' };
    received.push({ account: ctx.caller.account, bus, receivedAt: ctx.now, event: raw });
    return { EventId: String(raw.Id), TraceId: randomUUID() };
  });
  const failed = entries.filter((e) => 'ErrorCode' in e).length;
  return { Code: '200', Success: true, Message: 'success', Data: { FailedEntryCount: failed, EntryList: entries } };
};

export const eventbridgeHandlers: HandlerTable = { PutEvents: { handler: putEvents, write: false } };
