import type { RawPermission } from '../cloud/port';
import { isSgPairingError } from '../errors';

/**
 * How RevokeSecurityGroup refuses a call by SecurityGroupRuleId.N when an id is no rule of the group
 * (any more): the whole call fails and nothing is revoked. The page's note (changed 2024-07-08) names
 * InvalidParam.SecurityGroupRuleId (400); its error table also lists
 * InvalidSecurityGroupRuleId.NotFound (404) and InvalidSecurityGroupRule.RuleNotExist (400). All three
 * are taken alike, so whichever the cloud answers is handled in one place
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-revokesecuritygroup).
 */
export const RULE_ID_GONE_CODES: ReadonlySet<string> = new Set([
  'InvalidParam.SecurityGroupRuleId',
  'InvalidSecurityGroupRuleId.NotFound',
  'InvalidSecurityGroupRule.RuleNotExist',
]);

/** Whether a failed revoke by rule ids was refused because some of its ids are gone. */
export function isRuleIdGone(err: unknown): boolean {
  return isSgPairingError(err) && RULE_ID_GONE_CODES.has(err.code);
}

/** The ids among `ruleIds` that are still ingress rules of the group just read, in the order given. */
export function ruleIdsStillPresent(ruleIds: readonly string[], permissions: readonly RawPermission[]): string[] {
  const present = new Set(
    permissions.filter((p) => p.Direction.toLowerCase() === 'ingress').map((p) => p.SecurityGroupRuleId),
  );
  return ruleIds.filter((id) => present.has(id));
}
