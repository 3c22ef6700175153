import type { Handler } from '../../models/context';
import { apiError } from '../../errors/api-errors';
import { withClientToken } from '../../models/idempotency';
import { findGroup } from '../../models/security-groups';
import { opt, req, scopeOf, SECURITY_GROUP, touch } from './params';

/** The rule fields ModifySecurityGroupRule may also change; the emulator models the Description only. */
const OTHER_FIELDS = [
  'IpProtocol',
  'PortRange',
  'SourceCidrIp',
  'Ipv6SourceCidrIp',
  'SourceGroupId',
  'SourceGroupOwnerAccount',
  'SourceGroupOwnerId',
  'SourcePrefixListId',
  'SourcePortRange',
  'DestCidrIp',
  'Ipv6DestCidrIp',
  'NicType',
  'Policy',
  'Priority',
];

/**
 * ModifySecurityGroupRule (ECS 2014-05-26): changes one ingress rule, named by SecurityGroupRuleId, in
 * place (its id and key kept). Only Description is modelled: a request naming any other field is refused
 * (InvalidParameter) rather than half-applied. An id that is not an ingress rule of the group is
 * InvalidParam.SecurityGroupRuleId (400, as RevokeSecurityGroup answers it: our choice, see COVERAGE-ecs.md);
 * a description over 512 characters is InvalidSecurityGroupDiscription.Malformed, as Authorize answers it.
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifysecuritygrouprule
 */
export const modifySecurityGroupRule: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const groupId = req(ctx, 'SecurityGroupId');
  const ruleId = req(ctx, 'SecurityGroupRuleId');
  const other = OTHER_FIELDS.filter((f) => opt(ctx, f) !== undefined);
  if (other.length > 0)
    throw apiError(
      'InvalidParameter',
      `The emulator's ModifySecurityGroupRule changes the Description only (given: ${other.join(', ')}).`,
    );
  const description = opt(ctx, 'Description');
  if (description !== undefined && description.length > 512)
    throw apiError('InvalidSecurityGroupDiscription.Malformed');
  const out = withClientToken(scope, ctx.action, ctx.params, () => {
    const group = findGroup(scope, groupId);
    const rule = group.rules.find((r) => r.direction === 'ingress' && r.ruleId === ruleId);
    if (rule === undefined) throw apiError('InvalidParam.SecurityGroupRuleId');
    if (description !== undefined) rule.description = description;
    return {};
  });
  touch(ctx, SECURITY_GROUP, groupId);
  return out;
};
