import { apiError } from '../errors/api-errors';
import { normalizeRulePermission } from './egress-rule-spec';
import type { RawPermission } from './rule-spec';
import { ruleKey } from './rules';
import type { Scope } from './scope';
import { findGroup } from './security-groups';
import type { Rule } from './world';

/**
 * Two permissions of one request naming the same rule (by the rule key: description aside, protocol
 * and policy case-folded, defaults filled in) refuse the whole request with
 * InvalidParam.DuplicatePermissions (400), for Authorize and Revoke alike
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-revokesecuritygroup,
 * error table). A duplicate of a rule already in the group is still a silent success.
 */
export function checkDuplicatePermissions(
  scope: Scope,
  groupId: string,
  direction: Rule['direction'],
  permissions: RawPermission[],
): void {
  if (permissions.length < 2) return;
  const group = findGroup(scope, groupId);
  const seen = new Set<string>();
  for (const p of permissions) {
    const key = ruleKey(normalizeRulePermission(scope, group, direction, p), group.owner);
    if (seen.has(key)) throw apiError('InvalidParam.DuplicatePermissions');
    seen.add(key);
  }
}
