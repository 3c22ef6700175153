import { decodePayload, validatePayload } from '../../payload';
import { ActionTrailRecordSchema, HANDLED_API_CALLS, type ActionTrailRecord } from './action-trail-schema';
import {
  ACTION_TRAIL_API_CALL,
  CloudEventSchema,
  INSTANCE_STATE_CHANGE,
  parseJsonish,
  type CloudEvent,
} from './cloud-event-schema';
import { apiCallGroupIds, apiCallInstanceIds, requestParams, stateChangeInstanceIds } from './read-resource-ids';
import { RELEVANT_STATE, StateChangeSchema } from './state-change-schema';
import { ignored, type ParsedEvent, type TouchedResources } from './touched';

/**
 * The EventBridge envelope: what FC hands the handler (a Buffer of JSON, a string, or an object)
 * holding one CloudEvent or a batch (an array, whose items may be JSON strings). Returns one parse
 * per event; never throws, whatever the input.
 */
export function parseEventBridgeInput(event: unknown): ParsedEvent[] {
  const decoded = decodePayload(event);
  if (!decoded.ok) return [ignored('InvalidJson', decoded.error.message)];
  const items = Array.isArray(decoded.value) ? decoded.value : [decoded.value];
  return items.map((item) => parseCloudEvent(parseJsonish(item)));
}

/** One CloudEvent: what it touched, or why it is ignored. */
export function parseCloudEvent(value: unknown): ParsedEvent {
  if (typeof value === 'string') return ignored('InvalidJson', 'the event is not JSON');
  const envelope = validatePayload(value, {
    schema: CloudEventSchema,
    invalid: { code: 'InvalidPayload', prefix: 'not a CloudEvent' },
    operation: 'parseCloudEvent',
  });
  if (!envelope.ok) return ignored('NotACloudEvent', envelope.error.message);
  const event = envelope.value;
  if (event.type === ACTION_TRAIL_API_CALL) return parseApiCall(event);
  if (event.type === INSTANCE_STATE_CHANGE) return parseStateChange(event);
  return ignored('UnhandledType', `event type ${event.type} is not handled`, {
    eventId: event.id,
    cause: event.type,
    accountId: event.aliyunaccountid,
  });
}

function parseApiCall(event: CloudEvent): ParsedEvent {
  const about = { eventId: event.id, accountId: event.aliyunaccountid, region: event.aliyunregionid };
  const parsed = ActionTrailRecordSchema.safeParse(event.data);
  if (!parsed.success)
    return ignored(
      'InvalidRecord',
      `data is not an ActionTrail record: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      about,
    );
  const record = parsed.data;
  const cause = `ApiCall:${record.eventName}`;
  const handled = HANDLED_API_CALLS[record.eventName];
  if (!handled)
    return ignored('UnhandledEventName', `${record.eventName} cannot affect a pairing`, { ...about, cause });
  const errorCode = record.errorCode === null || record.errorCode === undefined ? '' : String(record.errorCode).trim();
  if (errorCode !== '')
    return ignored('FailedApiCall', `${record.eventName} failed with ${errorCode}: nothing changed`, {
      ...about,
      cause,
    });
  const tagged = taggedResourceType(record);
  if (tagged !== undefined && tagged !== 'instance') {
    // tags on a group (sg-pairing's own record among them) select no instance: nothing to re-read
    return ignored('UnhandledEventName', `${record.eventName} of ResourceType ${tagged} cannot affect a pairing`, {
      ...about,
      cause,
    });
  }
  return touched(event, cause, {
    accountId: event.aliyunaccountid ?? record.userIdentity?.accountId,
    region: event.aliyunregionid || record.acsRegion || undefined,
    instanceIds: apiCallInstanceIds(record, event.subject),
    groupIds: apiCallGroupIds(record, event.subject),
    groupRulesChanged: handled.rules,
  });
}

function parseStateChange(event: CloudEvent): ParsedEvent {
  const about = { eventId: event.id, accountId: event.aliyunaccountid, region: event.aliyunregionid };
  const parsed = StateChangeSchema.safeParse(event.data);
  if (!parsed.success)
    return ignored(
      'InvalidRecord',
      `data is not an instance state change: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      about,
    );
  const data = parsed.data;
  const state = data.content?.state ?? '';
  const cause = `StateChange:${state}`;
  if (state !== RELEVANT_STATE)
    return ignored('StateNotRunning', `an instance going ${state || '(no state)'} cannot make a pairing satisfiable`, {
      ...about,
      cause,
    });
  return touched(event, cause, {
    accountId: event.aliyunaccountid ?? data.userId,
    region: event.aliyunregionid || data.regionId || undefined,
    instanceIds: stateChangeInstanceIds(data, event.subject),
    groupIds: [],
    groupRulesChanged: false,
  });
}

/** TagResources / UntagResources: the ResourceType they name, lower-cased (undefined for other calls, or when not given). */
function taggedResourceType(record: ActionTrailRecord): string | undefined {
  if (record.eventName !== 'TagResources' && record.eventName !== 'UntagResources') return undefined;
  const type = requestParams(record).ResourceType;
  return typeof type === 'string' && type.trim() !== '' ? type.trim().toLowerCase() : undefined;
}

interface Found {
  accountId?: string;
  region?: string;
  instanceIds: string[];
  groupIds: string[];
  groupRulesChanged: boolean;
}

function touched(event: CloudEvent, cause: string, found: Found): ParsedEvent {
  const about = { eventId: event.id, cause, accountId: found.accountId, region: found.region };
  if (!found.accountId) return ignored('MissingAccount', 'the event names no account', about);
  if (!found.region) return ignored('MissingRegion', 'the event names no region', about);
  if (found.instanceIds.length === 0 && found.groupIds.length === 0)
    return ignored('NoResources', 'the event names no instance or security group', about);
  const value: TouchedResources = {
    eventId: event.id ?? '',
    cause,
    accountId: found.accountId,
    region: found.region,
    instanceIds: found.instanceIds,
    groupIds: found.groupIds,
    groupRulesChanged: found.groupRulesChanged,
  };
  return { kind: 'touched', touched: value };
}
