import type { Handler } from '../../models/context';
import { paginate } from '../../models/paging';
import { listGroups } from '../../models/security-groups';
import { formatGroup, pageFields } from './format';
import { jsonIds, opt, pageRequest, records, scopeOf } from './params';

/** DescribeSecurityGroups: filters (Tag.N.Key/Value among them), then PageNumber/PageSize or MaxResults/NextToken (10 by default, at most 100). */
export const describeSecurityGroups: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const groups = listGroups(scope, {
    ids: jsonIds(ctx, 'SecurityGroupIds', 'InvalidSecurityGroupId.Malformed'),
    id: opt(ctx, 'SecurityGroupId'),
    vpcId: opt(ctx, 'VpcId'),
    type: opt(ctx, 'SecurityGroupType'),
    networkType: opt(ctx, 'NetworkType'),
    name: opt(ctx, 'SecurityGroupName'),
    // Tag.N.Value given (even empty): that value exactly; absent: any value (UNCONFIRMED, COVERAGE-ecs.md 0)
    tags: records(ctx, 'Tag')
      .filter((t) => t.Key)
      .map((t) => ({ key: t.Key, value: t.Value })),
  });
  const page = paginate(groups, pageRequest(ctx), { defaultSize: 10, minSize: 1, maxSize: 100 });
  return {
    RegionId: scope.region,
    ...pageFields(page),
    SecurityGroups: { SecurityGroup: page.items.map((g) => formatGroup(g, ctx.now)) },
  };
};
