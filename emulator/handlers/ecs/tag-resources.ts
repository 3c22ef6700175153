import type { Handler } from '../../context';
import { tagResources, untagResources } from '../../models/tags';
import { bool, INSTANCE, list, records, req, scopeOf, touch } from './params';

/** TagResources: RegionId, ResourceType (instance), ResourceId.1..50, Tag.1..20.Key/Value → `{}`. */
export const tagResourcesHandler: Handler = (ctx) => {
  const instances = tagResources(
    scopeOf(ctx),
    req(ctx, 'ResourceType'),
    list(ctx, 'ResourceId').filter((id) => id !== ''),
    records(ctx, 'Tag').map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
  );
  touch(ctx, INSTANCE, ...instances.map((i) => i.id));
  return {};
};

/** UntagResources: RegionId, ResourceType (instance), ResourceId.1..50, TagKey.1..20 or All → `{}`. */
export const untagResourcesHandler: Handler = (ctx) => {
  const instances = untagResources(
    scopeOf(ctx),
    req(ctx, 'ResourceType'),
    list(ctx, 'ResourceId').filter((id) => id !== ''),
    list(ctx, 'TagKey').filter((k) => k !== ''),
    bool(ctx, 'All'),
  );
  touch(ctx, INSTANCE, ...instances.map((i) => i.id));
  return {};
};
