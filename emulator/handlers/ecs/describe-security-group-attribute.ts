import type { Handler } from '../../models/context';
import { apiError } from '../../errors/api-errors';
import { paginate } from '../../models/paging';
import { compareRules } from '../../models/rules';
import { findGroup, visibleRules } from '../../models/security-groups';
import { formatPermission } from './format';
import { int, opt, req, scopeOf, SECURITY_GROUP, touch } from './params';

/** DescribeSecurityGroupAttribute: the group's visible rules, Direction-filtered, MaxResults 10..1000 (500). */
export const describeSecurityGroupAttribute: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const group = findGroup(scope, req(ctx, 'SecurityGroupId'));
  const direction = opt(ctx, 'Direction') ?? 'all';
  if (!['ingress', 'egress', 'all'].includes(direction))
    throw apiError('InvalidParameter', 'The specified parameter "Direction" is not valid.');
  touch(ctx, SECURITY_GROUP, group.id);
  const rules = visibleRules(group, ctx.now)
    .filter((r) => direction === 'all' || r.direction === direction)
    .sort(compareRules);
  const page = paginate(
    rules,
    { style: 'token', maxResults: int(ctx, 'MaxResults'), nextToken: opt(ctx, 'NextToken') },
    { defaultSize: 500, minSize: 10, maxSize: 1000 },
  );
  return {
    RegionId: group.region,
    SecurityGroupId: group.id,
    SecurityGroupName: group.name,
    Description: group.description,
    VpcId: group.vpcId,
    InnerAccessPolicy: group.innerAccessPolicy,
    NextToken: page.nextToken,
    Permissions: { Permission: page.items.map((r) => formatPermission(ctx.world, group, r)) },
  };
};
