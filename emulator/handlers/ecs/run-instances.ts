import type { Handler } from '../../models/context';
import { withClientToken } from '../../models/idempotency';
import { runInstances } from '../../models/instances';
import { INSTANCE, int, list, opt, records, scopeOf, SECURITY_GROUP, touch } from './params';

/** RunInstances: SecurityGroupId or SecurityGroupIds.N, Amount, PrivateIpAddress, Tag.N, names → `{InstanceIdSets}`. */
export const runInstancesHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  return withClientToken(scope, ctx.action, ctx.params, () => {
    const created = runInstances(scope, {
      securityGroupId: opt(ctx, 'SecurityGroupId'),
      securityGroupIds: list(ctx, 'SecurityGroupIds').filter((id) => id !== ''),
      vpcId: opt(ctx, 'VpcId'),
      vSwitchId: opt(ctx, 'VSwitchId'),
      zoneId: opt(ctx, 'ZoneId'),
      amount: int(ctx, 'Amount'),
      privateIp: opt(ctx, 'PrivateIpAddress'),
      name: opt(ctx, 'InstanceName'),
      hostName: opt(ctx, 'HostName'),
      tags: records(ctx, 'Tag').map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
    });
    for (const i of created) {
      touch(ctx, INSTANCE, i.id);
      touch(ctx, SECURITY_GROUP, ...i.securityGroupIds);
      ctx.facts.stateChanges.push({ instanceId: i.id, state: i.status });
    }
    return { InstanceIdSets: { InstanceIdSet: created.map((i) => i.id) } };
  });
};
