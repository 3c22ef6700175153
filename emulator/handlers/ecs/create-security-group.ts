import type { Handler } from '../../models/context';
import { withClientToken } from '../../models/idempotency';
import { createSecurityGroup } from '../../models/security-groups';
import { opt, scopeOf, SECURITY_GROUP, touch } from './params';

/** CreateSecurityGroup: VpcId (none = classic), SecurityGroupType, SecurityGroupName, Description → `{SecurityGroupId}`. */
export const createSecurityGroupHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const out = withClientToken(scope, ctx.action, ctx.params, () => {
    const group = createSecurityGroup(scope, {
      vpcId: opt(ctx, 'VpcId') ?? '',
      type: opt(ctx, 'SecurityGroupType'),
      name: opt(ctx, 'SecurityGroupName'),
      description: opt(ctx, 'Description'),
    });
    return { SecurityGroupId: group.id };
  });
  touch(ctx, SECURITY_GROUP, String(out.SecurityGroupId));
  return out;
};
