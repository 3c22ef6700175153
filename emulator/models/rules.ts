import { apiError } from '../errors/api-errors';
import { checkGroupReference, checkReferenceQuota } from './group-references';
import { asReference, normalizeRulePermission } from './egress-rule-spec';
import { checkPrefixListSource, ruleRoom } from './prefix-lists';
import type { RawPermission, RuleSpec } from './rule-spec';
import { isoSeconds, type Scope } from './scope';
import { findGroup } from './security-groups';
import type { Rule } from './world';

/** Most permissions (and rule ids) one Authorize/Revoke request may carry. */
export const MAX_PERMISSIONS_PER_REQUEST = 100;

/**
 * The identity of a rule: direction, protocol (case-folded), ports, source tuple (CIDR, or group
 * and its owner), destination CIDR, source ports, policy, priority and NIC type. The description is
 * not part of it. A group rule seeded without an owner is owned by the group's own account.
 */
export function ruleKey(r: RuleSpec, groupOwner: string): string {
  const owner = r.sourceGroupId ? r.sourceGroupOwnerId || groupOwner : '';
  return [
    r.direction,
    r.ipProtocol.toUpperCase(),
    r.portRange,
    r.sourceCidrIp,
    r.sourceGroupId,
    owner,
    r.sourcePrefixListId ?? '',
    r.destCidrIp,
    r.sourcePortRange,
    r.policy.toLowerCase(),
    r.priority,
    r.nicType,
    // appended (IPv6 and egress destinations, issue 16): a key without them is unchanged
    ...(r.ipv6SourceCidrIp ? [`ipv6:${r.ipv6SourceCidrIp.toLowerCase()}`] : []),
    ...(r.ipv6DestCidrIp ? [`ipv6-dest:${r.ipv6DestCidrIp.toLowerCase()}`] : []),
    ...(r.destGroupId ? [`dest-group:${r.destGroupOwnerId || groupOwner}/${r.destGroupId}`] : []),
  ].join('|');
}

export interface AuthorizeOutcome {
  added: Rule[];
  /** permissions that matched an existing rule (or an earlier one of the same request) */
  alreadyPresent: number;
}

/**
 * AuthorizeSecurityGroup: all or nothing. Every permission is validated first; a duplicate of an
 * existing rule is a silent success that adds nothing; a request that would take the group past
 * `world.maxRulesPerGroup` rules (ingress + egress) is refused whole with AuthorizationLimitExceed.
 * New rules become visible to Describe `visibilityDelayMs` after now.
 */
export function authorizeRules(
  scope: Scope,
  groupId: string,
  direction: Rule['direction'],
  permissions: RawPermission[],
  visibilityDelayMs: number,
): AuthorizeOutcome {
  const group = findGroup(scope, groupId);
  if (permissions.length === 0) {
    throw apiError(
      'MissingParameter',
      'The input parameter "IpProtocol" that is mandatory for processing this request is not supplied.',
    );
  }
  if (permissions.length > MAX_PERMISSIONS_PER_REQUEST) {
    throw apiError(
      'InvalidParameter',
      `At most ${MAX_PERMISSIONS_PER_REQUEST} permissions can be given in one request.`,
    );
  }
  const specs = permissions.map((p) => normalizeRulePermission(scope, group, direction, p));
  for (const spec of specs) {
    checkGroupReference(scope, group, asReference(spec));
    if (spec.sourcePrefixListId) checkPrefixListSource(scope, group, spec.sourcePrefixListId);
  }

  const keys = new Set(group.rules.map((r) => ruleKey(r, group.owner)));
  const fresh: RuleSpec[] = [];
  for (const spec of specs) {
    const key = ruleKey(spec, group.owner);
    if (keys.has(key)) continue;
    keys.add(key);
    fresh.push(spec);
  }
  if (group.type === 'normal') checkReferenceQuota(scope, group, fresh);
  // a rule referencing a prefix list takes the list's MaxEntries of the room (ruleRoom)
  if (ruleRoom(scope.world, group.rules) + ruleRoom(scope.world, fresh) > scope.world.maxRulesPerGroup)
    throw apiError('AuthorizationLimitExceed');

  const added = fresh.map((spec): Rule => ({
    ...spec,
    ruleId: scope.world.nextId('sgr-'),
    createTime: isoSeconds(scope.now),
    visibleAt: scope.now + visibilityDelayMs,
  }));
  group.rules.push(...added);
  return { added, alreadyPresent: specs.length - fresh.length };
}

/**
 * RevokeSecurityGroup: removes the rules of `direction` that match a permission's key or carry one
 * of the rule ids. Permissions are validated like Authorize's (the source group need not exist any
 * more); a permission that matches nothing is a silent success. A rule id that is not a rule of this
 * group in `direction` refuses the whole call with InvalidParam.SecurityGroupRuleId (400) and nothing
 * is removed: the behaviour since 2024-07-08
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-revokesecuritygroup).
 */
export function revokeRules(
  scope: Scope,
  groupId: string,
  direction: Rule['direction'],
  permissions: RawPermission[],
  ruleIds: string[],
): { removed: Rule[] } {
  const group = findGroup(scope, groupId);
  if (permissions.length === 0 && ruleIds.length === 0) {
    throw apiError('MissingParameter', 'Either Permissions.N or SecurityGroupRuleId.N must be specified.');
  }
  if (permissions.length > MAX_PERMISSIONS_PER_REQUEST || ruleIds.length > MAX_PERMISSIONS_PER_REQUEST) {
    throw apiError(
      'InvalidParameter',
      `At most ${MAX_PERMISSIONS_PER_REQUEST} permissions or rule ids can be given in one request.`,
    );
  }
  const keys = new Set(
    permissions.map((p) => ruleKey(normalizeRulePermission(scope, group, direction, p), group.owner)),
  );
  const ids = new Set(ruleIds);
  const own = new Set(group.rules.filter((r) => r.direction === direction).map((r) => r.ruleId));
  if (ruleIds.some((id) => !own.has(id))) throw apiError('InvalidParam.SecurityGroupRuleId');
  const hit = (r: Rule): boolean =>
    r.direction === direction && (ids.has(r.ruleId) || keys.has(ruleKey(r, group.owner)));
  const removed = group.rules.filter(hit);
  group.rules = group.rules.filter((r) => !hit(r));
  return { removed };
}

/** Describe order: ingress before egress, then priority, creation time and id. */
export function compareRules(a: Rule, b: Rule): number {
  return (
    a.direction.localeCompare(b.direction) * -1 ||
    a.priority - b.priority ||
    a.createTime.localeCompare(b.createTime) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
