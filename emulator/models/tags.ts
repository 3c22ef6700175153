import { apiError } from '../errors/api-errors';
import { findInstance } from './instances';
import type { Scope } from './scope';
import { findGroup } from './security-groups';

/** Tag limits of ECS resources (TagResources doc; the per-resource count is the documented default). */
export const MAX_TAGS_PER_RESOURCE = 20;
export const MAX_RESOURCES_PER_TAG_REQUEST = 50;
export const MAX_TAGS_PER_REQUEST = 20;

/** ResourceType values the TagResources doc lists; the emulator models tags on instances and security groups. */
const KNOWN_TYPES = [
  'instance',
  'disk',
  'snapshot',
  'image',
  'securitygroup',
  'volume',
  'eni',
  'ddh',
  'ddhcluster',
  'keypair',
  'launchtemplate',
  'reservedinstance',
  'snapshotpolicy',
  'elasticityassurance',
  'capacityreservation',
  'command',
  'invocation',
  'activation',
  'managedinstance',
];
const MODELLED = ['instance', 'securitygroup'] as const;
export type TaggedType = (typeof MODELLED)[number];

/** A resource that carries tags: an instance or a security group. */
export interface Tagged {
  id: string;
  tags: Record<string, string>;
}

const RESERVED_PREFIX = /^(aliyun|acs:|https?:\/\/)/i;

function checkType(resourceType: string): TaggedType {
  const type = resourceType.toLowerCase();
  if (!KNOWN_TYPES.includes(type)) throw apiError('InvalidResourceType.NotFound');
  const modelled = MODELLED.find((t) => t === type);
  if (modelled === undefined)
    throw apiError(
      'InvalidParameter',
      `Tags on ResourceType "${resourceType}" are not supported by the emulator (instance and securitygroup only).`,
    );
  return modelled;
}

/** The caller's instances or groups named by ResourceId.N (1..50), each found or the whole request fails. */
function resources(scope: Scope, type: TaggedType, ids: string[]): Tagged[] {
  if (ids.length === 0)
    throw apiError(
      'MissingParameter',
      'The input parameter "ResourceId" that is mandatory for processing this request is not supplied.',
    );
  if (ids.length > MAX_RESOURCES_PER_TAG_REQUEST)
    throw apiError(
      'InvalidParameter',
      `At most ${MAX_RESOURCES_PER_TAG_REQUEST} ResourceId values can be given in one request.`,
    );
  return [...new Set(ids)].map((id) => {
    try {
      return type === 'instance' ? findInstance(scope, id) : findGroup(scope, id);
    } catch {
      throw apiError('InvalidResourceId.NotFound');
    }
  });
}

/**
 * TagResources: all or nothing. Keys 1..128 characters, values up to 128, neither starting with
 * aliyun, acs: or http(s)://; an existing key gets the new value; past 20 tags on one resource the
 * request is refused whole.
 */
export function tagResources(
  scope: Scope,
  resourceType: string,
  ids: string[],
  tags: { key: string; value: string }[],
): { type: TaggedType; resources: Tagged[] } {
  const type = checkType(resourceType);
  if (tags.length === 0)
    throw apiError(
      'MissingParameter',
      'The input parameter "Tag" that is mandatory for processing this request is not supplied.',
    );
  if (tags.length > MAX_TAGS_PER_REQUEST)
    throw apiError('InvalidParameter', `At most ${MAX_TAGS_PER_REQUEST} tags can be given in one request.`);
  for (const t of tags) {
    if (!t.key || t.key.length > 128 || RESERVED_PREFIX.test(t.key)) throw apiError('InvalidTagKey.Malformed');
    if (t.value.length > 128 || RESERVED_PREFIX.test(t.value)) throw apiError('InvalidTagValue.Malformed');
  }
  const found = resources(scope, type, ids);
  for (const r of found) {
    const keys = new Set([...Object.keys(r.tags), ...tags.map((t) => t.key)]);
    if (keys.size > MAX_TAGS_PER_RESOURCE) throw apiError('InvalidTagCount');
  }
  for (const r of found) for (const t of tags) r.tags[t.key] = t.value;
  return { type, resources: found };
}

/**
 * UntagResources: removes the given keys (TagKey.N, up to 20; a key not present is a silent
 * success), or every tag with `All` and no key; neither removes nothing.
 */
export function untagResources(
  scope: Scope,
  resourceType: string,
  ids: string[],
  keys: string[],
  all: boolean,
): { type: TaggedType; resources: Tagged[] } {
  const type = checkType(resourceType);
  if (keys.length > MAX_TAGS_PER_REQUEST)
    throw apiError('InvalidParameter', `At most ${MAX_TAGS_PER_REQUEST} TagKey values can be given in one request.`);
  const found = resources(scope, type, ids);
  for (const r of found) {
    const gone = keys.length > 0 ? keys : all ? Object.keys(r.tags) : [];
    for (const k of gone) delete r.tags[k];
  }
  return { type, resources: found };
}
