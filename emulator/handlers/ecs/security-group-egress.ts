import type { Handler } from '../../models/context';
import { apiError } from '../../errors/api-errors';
import { withClientToken } from '../../models/idempotency';
import { authorizeRules, revokeRules } from '../../models/rules';
import { list, req, scopeOf, SECURITY_GROUP, touch } from './params';
import { permissionsOf } from './security-group-rules';

/**
 * AuthorizeSecurityGroupEgress: adds egress rules (destination DestCidrIp, Ipv6DestCidrIp or
 * DestGroupId); duplicates are silent successes; the same all-or-nothing, quota and reference
 * checks as AuthorizeSecurityGroup. Answers `{}`
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroupegress).
 */
export const authorizeSecurityGroupEgress: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const groupId = req(ctx, 'SecurityGroupId');
  const permissions = permissionsOf(ctx, 'egress');
  const out = withClientToken(scope, ctx.action, ctx.params, () => {
    authorizeRules(scope, groupId, 'egress', permissions, ctx.visibilityDelayMs);
    return {};
  });
  touch(ctx, SECURITY_GROUP, groupId);
  return out;
};

/**
 * RevokeSecurityGroupEgress: removes egress rules by permission or by SecurityGroupRuleId.N, like
 * RevokeSecurityGroup does ingress ones (an id that is not an egress rule of the group refuses the
 * call: InvalidParam.SecurityGroupRuleId, the ingress page's behaviour, assumed here: COVERAGE-ecs.md).
 */
export const revokeSecurityGroupEgress: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const groupId = req(ctx, 'SecurityGroupId');
  const permissions = permissionsOf(ctx, 'egress');
  const ruleIds = list(ctx, 'SecurityGroupRuleId').filter((id) => id !== '');
  if (new Set(ruleIds).size < ruleIds.length) throw apiError('InvalidParam.SecurityGroupRuleIdRepeated');
  const out = withClientToken(scope, ctx.action, ctx.params, () => {
    revokeRules(scope, groupId, 'egress', permissions, ruleIds);
    return {};
  });
  touch(ctx, SECURITY_GROUP, groupId);
  return out;
};
