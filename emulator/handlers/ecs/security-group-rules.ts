import type { Handler, RequestContext } from '../../models/context';
import { apiError } from '../../errors/api-errors';
import { checkDuplicatePermissions } from '../../models/duplicate-permissions';
import { withClientToken } from '../../models/idempotency';
import type { RawPermission } from '../../models/rule-spec';
import type { Rule } from '../../models/world';
import { authorizeRules, revokeRules } from '../../models/rules';
import { list, opt, records, req, scopeOf, SECURITY_GROUP, touch } from './params';

/** The deprecated single-rule form: these fields at the top level instead of under Permissions.N. */
const RULE_FIELDS = [
  'IpProtocol',
  'PortRange',
  'PortRangeListId',
  'SourceCidrIp',
  'Ipv6SourceCidrIp',
  'SourceGroupId',
  'SourceGroupOwnerAccount',
  'SourceGroupOwnerId',
  'SourcePrefixListId',
  'SourcePortRange',
  'DestCidrIp',
  'Ipv6DestCidrIp',
  'DestGroupId',
  'DestGroupOwnerId',
  'DestGroupOwnerAccount',
  'DestPrefixListId',
  'NicType',
  'Policy',
  'Priority',
  'Description',
];

/**
 * `Permissions.N.<Field>`, the deprecated top-level fields, or (Revoke) `SecurityGroupRuleId.N`: one
 * form per request (InvalidParam.Permissions, 400), and no rule twice (InvalidParam.DuplicatePermissions,
 * 400), as the error tables of [AuthorizeSecurityGroupEgress] and [RevokeSecurityGroup] give them
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-revokesecuritygroup).
 */
export function permissionsOf(ctx: RequestContext, direction: Rule['direction'] = 'ingress'): RawPermission[] {
  const listed = records(ctx, 'Permissions');
  const topLevel = RULE_FIELDS.filter((f) => opt(ctx, f) !== undefined);
  const byId = list(ctx, 'SecurityGroupRuleId').some((id) => id !== '');
  if ([listed.length > 0, topLevel.length > 0, byId].filter(Boolean).length > 1)
    throw apiError('InvalidParam.Permissions');
  const permissions = topLevel.length > 0 ? [Object.fromEntries(RULE_FIELDS.map((f) => [f, opt(ctx, f)]))] : listed;
  checkDuplicatePermissions(scopeOf(ctx), req(ctx, 'SecurityGroupId'), direction, permissions);
  return permissions;
}

/** AuthorizeSecurityGroup: adds ingress rules; duplicates are silent successes. Answers `{}`. */
export const authorizeSecurityGroup: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const groupId = req(ctx, 'SecurityGroupId');
  const permissions = permissionsOf(ctx);
  const out = withClientToken(scope, ctx.action, ctx.params, () => {
    authorizeRules(scope, groupId, 'ingress', permissions, ctx.visibilityDelayMs);
    return {};
  });
  touch(ctx, SECURITY_GROUP, groupId);
  return out;
};

/**
 * RevokeSecurityGroup: removes ingress rules by permission or by SecurityGroupRuleId.N. Answers `{}`.
 * The same rule id twice is InvalidParam.SecurityGroupRuleIdRepeated (400); an id that is gone
 * refuses the whole call (see revokeRules), checked after the ClientToken so a replay still succeeds.
 */
export const revokeSecurityGroup: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const groupId = req(ctx, 'SecurityGroupId');
  const permissions = permissionsOf(ctx);
  const ruleIds = list(ctx, 'SecurityGroupRuleId').filter((id) => id !== '');
  if (new Set(ruleIds).size < ruleIds.length) throw apiError('InvalidParam.SecurityGroupRuleIdRepeated');
  const out = withClientToken(scope, ctx.action, ctx.params, () => {
    revokeRules(scope, groupId, 'ingress', permissions, ruleIds);
    return {};
  });
  touch(ctx, SECURITY_GROUP, groupId);
  return out;
};
