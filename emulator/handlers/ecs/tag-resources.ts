import type { Handler } from '../../models/context';
import { tagResources, untagResources, type TaggedType } from '../../models/tags';
import { bool, INSTANCE, list, records, req, scopeOf, SECURITY_GROUP, touch } from './params';

const resourceTypeOf: Record<TaggedType, string> = { instance: INSTANCE, securitygroup: SECURITY_GROUP };

/** TagResources: RegionId, ResourceType (instance, securitygroup), ResourceId.1..50, Tag.1..20.Key/Value → `{}`. */
export const tagResourcesHandler: Handler = (ctx) => {
  const { type, resources } = tagResources(
    scopeOf(ctx),
    req(ctx, 'ResourceType'),
    list(ctx, 'ResourceId').filter((id) => id !== ''),
    records(ctx, 'Tag').map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
  );
  touch(ctx, resourceTypeOf[type], ...resources.map((r) => r.id));
  return {};
};

/** UntagResources: RegionId, ResourceType (instance, securitygroup), ResourceId.1..50, TagKey.1..20 or All → `{}`. */
export const untagResourcesHandler: Handler = (ctx) => {
  const { type, resources } = untagResources(
    scopeOf(ctx),
    req(ctx, 'ResourceType'),
    list(ctx, 'ResourceId').filter((id) => id !== ''),
    list(ctx, 'TagKey').filter((k) => k !== ''),
    bool(ctx, 'All'),
  );
  touch(ctx, resourceTypeOf[type], ...resources.map((r) => r.id));
  return {};
};
