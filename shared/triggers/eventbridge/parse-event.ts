import { decodePayload, validatePayload } from '../../payload';
import { ActionTrailRecordSchema, HANDLED_API_CALLS, type ActionTrailRecord } from './action-trail-schema';
import {
  ACTION_TRAIL_API_CALL,
  CloudEventSchema,
  INSTANCE_STATE_CHANGE,
  parseJsonish,
  type CloudEvent,
} from './cloud-event-schema';
import {
  apiCallGroupIds,
  apiCallInstanceIds,
  NestingTooDeep,
  requestParams,
  stateChangeInstanceIds,
} from './read-resource-ids';
import { arnAccount, senderAccount, type AccountField } from './sender-account';
import { RELEVANT_STATE, StateChangeSchema } from './state-change-schema';
import { ignored, type ParsedEvent, type TouchedResources } from './touched';

/**
 * The EventBridge envelope: what FC hands the handler (a Buffer of JSON, a string, or an object)
 * holding one CloudEvent or a batch (an array, whose items may be JSON strings). Returns one parse
 * per event; never throws, whatever the input: an item that cannot be read (a resource list nested
 * too deep, or any failure) is ignored and reported, and the batch's other items are still parsed.
 */
export function parseEventBridgeInput(event: unknown): ParsedEvent[] {
  const decoded = decodePayload(event);
  if (!decoded.ok) return [ignored('InvalidJson', decoded.error.message)];
  const items = Array.isArray(decoded.value) ? decoded.value : [decoded.value];
  return items.map(parseItem);
}

function parseItem(item: unknown, index: number): ParsedEvent {
  try {
    return parseCloudEvent(parseJsonish(item));
  } catch (e) {
    const eventId = idOf(item);
    if (e instanceof NestingTooDeep) return ignored('NestingTooDeep', e.message, { eventId });
    const message = e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : 'not readable';
    return ignored('UnreadableEvent', `batch item ${index} could not be read (${message})`, { eventId });
  }
}

/** The CloudEvent id of a raw item, for the log (never throws). */
function idOf(item: unknown): string | undefined {
  try {
    const value = parseJsonish(item);
    const id = value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id.slice(0, 100) : undefined;
  } catch {
    return undefined;
  }
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
  const about = { eventId: event.id, accountId: envelopeAccount(event), region: event.aliyunregionid };
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
  const sender = senderAccount(event, [
    { field: 'data.userIdentity.accountId', value: record.userIdentity?.accountId },
  ]);
  if (!sender.ok) return mismatch(sender.fields, { ...about, cause });
  return touched(event, cause, {
    accountId: sender.accountId,
    region: event.aliyunregionid || record.acsRegion || undefined,
    instanceIds: apiCallInstanceIds(record, event.subject),
    groupIds: apiCallGroupIds(record, event.subject),
    groupRulesChanged: handled.rules,
  });
}

function parseStateChange(event: CloudEvent): ParsedEvent {
  const about = { eventId: event.id, accountId: envelopeAccount(event), region: event.aliyunregionid };
  const parsed = StateChangeSchema.safeParse(event.data);
  if (!parsed.success)
    return ignored(
      'InvalidRecord',
      `data is not an instance state change: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      about,
    );
  const data = parsed.data;
  // nested under `content` (CloudMonitor's documented shape) or flat under `data`: both are read
  const state = data.content?.state ?? data.state ?? '';
  const cause = `StateChange:${state}`;
  if (state !== RELEVANT_STATE)
    return ignored('StateNotRunning', `an instance going ${state || '(no state)'} cannot make a pairing satisfiable`, {
      ...about,
      cause,
    });
  const own: AccountField[] = [
    { field: 'data.userId', value: data.userId },
    { field: 'data.resourceId', value: arnAccount(data.resourceId) },
  ];
  const sender = senderAccount(event, own);
  if (!sender.ok) return mismatch(sender.fields, { ...about, cause });
  return touched(event, cause, {
    accountId: sender.accountId,
    region: event.aliyunregionid || data.regionId || undefined,
    instanceIds: stateChangeInstanceIds(data, event.subject),
    groupIds: [],
    groupRulesChanged: false,
  });
}

/** The sender as the envelope names it, for the log of an event ignored before its record is read. */
function envelopeAccount(event: CloudEvent): string | undefined {
  return event.aliyunoriginalaccountid ?? event.aliyunaccountid;
}

function mismatch(fields: Readonly<Record<string, string>>, about: Parameters<typeof ignored>[2]): ParsedEvent {
  const named = Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return ignored('AccountMismatch', `the fields naming the sending account disagree (${named}): not trusted`, {
    ...about,
    accountId: undefined,
    fields,
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
