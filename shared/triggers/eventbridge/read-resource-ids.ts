import { instanceIdPattern, securityGroupIdPattern } from '../../config/patterns';
import type { ActionTrailRecord } from './action-trail-schema';
import { parseJsonish } from './cloud-event-schema';
import type { StateChange } from './state-change-schema';

type Params = Record<string, unknown>;

/**
 * How deep a list of IDs may nest (a list in a JSON string in a list is depth 3). Real records nest at
 * most twice; anything deeper is refused, so a crafted event cannot exhaust the stack.
 */
export const MAX_ID_NESTING = 8;

/** Thrown for a value nested deeper than MAX_ID_NESTING; the parser turns it into an ignored event. */
export class NestingTooDeep extends Error {
  constructor() {
    super(`a resource ID list nests deeper than ${MAX_ID_NESTING} levels`);
    this.name = 'NestingTooDeep';
  }
}

/** IDs out of a value that may be one ID, a list, a JSON list in a string, or a comma list. */
export function idList(value: unknown, depth = 0): string[] {
  if (Array.isArray(value)) return nested(value, depth);
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[')) {
    const parsed = parseJsonish(text);
    return Array.isArray(parsed) ? nested(parsed, depth) : [];
  }
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function nested(list: unknown[], depth: number): string[] {
  if (depth >= MAX_ID_NESTING) throw new NestingTooDeep();
  return list.flatMap((v) => idList(v, depth + 1));
}

/** The last path segment of an ARN-like name: `acs:ecs:<region>:<uid>:instance/i-x` gives `i-x`. */
export function lastSegment(name: string | undefined): string[] {
  if (!name || !name.includes('/')) return [];
  return [name.slice(name.lastIndexOf('/') + 1)];
}

/** `requestParameters`, else the decoded `requestParameterJson`. */
export function requestParams(record: ActionTrailRecord): Params {
  if (record.requestParameters) return record.requestParameters;
  const parsed = parseJsonish(record.requestParameterJson ?? undefined);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Params) : {};
}

/** Values of `name`, and of its list forms `name.1`, `name.2` (how the RPC wire flattens lists). */
function param(params: Params, ...names: string[]): unknown[] {
  const listed = (key: string) => names.some((n) => key.startsWith(`${n}.`) && /^\d+$/.test(key.slice(n.length + 1)));
  return [
    ...names.map((n) => params[n]),
    ...Object.keys(params)
      .filter(listed)
      .map((k) => params[k]),
  ];
}

function at(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Params)[key] : undefined),
    value,
  );
}

function valid(ids: string[], pattern: RegExp): string[] {
  return [...new Set(ids.filter((id) => pattern.test(id)))].sort();
}

/** Every place an ActionTrail ECS record (or its event's subject) names an instance. */
export function apiCallInstanceIds(record: ActionTrailRecord, subject: string | undefined): string[] {
  const params = requestParams(record);
  return valid(
    [
      ...idList(at(record.referencedResources, 'ACS::ECS::Instance')),
      ...idList(at(record.responseElements, 'InstanceIdSets', 'InstanceIdSet')),
      ...idList(at(record.responseElements, 'InstanceId')),
      ...param(params, 'InstanceId', 'InstanceIds').flatMap((v) => idList(v)),
      // TagResources / UntagResources: ResourceId.N (ResourceType instance; other types fail the pattern)
      ...param(params, 'ResourceId').flatMap((v) => idList(v)),
      ...lastSegment(subject),
    ],
    instanceIdPattern,
  );
}

/** Every place an ActionTrail ECS record (or its event's subject) names a security group it acted on. */
export function apiCallGroupIds(record: ActionTrailRecord, subject: string | undefined): string[] {
  const params = requestParams(record);
  return valid(
    [
      ...param(params, 'SecurityGroupId', 'SecurityGroupIds').flatMap((v) => idList(v)),
      ...idList(at(record.referencedResources, 'ACS::ECS::SecurityGroup')),
      ...lastSegment(subject),
    ],
    securityGroupIdPattern,
  );
}

/**
 * The instance of a state change: `content.resourceId`, or `resourceId` (an ID when the notification
 * arrives flat, an ARN when nested), else the last segment of `resourceId` or `subject`.
 */
export function stateChangeInstanceIds(data: StateChange, subject: string | undefined): string[] {
  return valid(
    [
      ...idList(data.content?.resourceId),
      ...idList(data.resourceId),
      ...lastSegment(data.resourceId),
      ...lastSegment(subject),
    ],
    instanceIdPattern,
  );
}
