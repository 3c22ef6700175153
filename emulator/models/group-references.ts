import { apiError } from '../errors/api-errors';
import type { RuleSpec } from './rule-spec';
import type { Scope } from './scope';
import type { Rule, SecurityGroup } from './world';

/**
 * May `group` hold a rule whose source is another group? A group never references itself; an
 * enterprise group references no group; the source is looked up in its owner's account; a VPC
 * group references only groups of the same VPC (for another account's group that means a VPC
 * shared between the two accounts); a classic group only classic groups of the region.
 */
export function checkGroupReference(scope: Scope, group: SecurityGroup, spec: RuleSpec): void {
  if (!spec.sourceGroupId) return;
  if (spec.sourceGroupId === group.id) throw apiError('InvalidParamter.Conflict');
  // the error tables list two codes for this; the emulator answers the first (COVERAGE-ecs.md)
  if (group.type === 'enterprise') throw apiError('InvalidGroupAuthParameter.OperationDenied');
  const source = scope.world.groups.get(spec.sourceGroupId);
  if (!source || source.owner !== spec.sourceGroupOwnerId || source.region !== group.region) {
    throw apiError('InvalidSourceGroupId.NotFound');
  }
  if ((group.vpcId === '') !== (source.vpcId === '')) throw apiError('InvalidNetworkType.Mismatch');
  if (group.vpcId === '') return;
  const vpc = scope.world.vpcs.get(group.vpcId);
  const shared =
    vpc !== undefined && scope.world.vpcUsableBy(vpc, group.owner) && scope.world.vpcUsableBy(vpc, source.owner);
  if (source.vpcId !== group.vpcId || !shared) throw apiError('InvalidSourceGroupId.Mismatch');
}

/** The distinct groups a group's rules reference. */
export function referencedGroups(rules: Pick<Rule, 'sourceGroupId' | 'destGroupId'>[]): Set<string> {
  // a destination group (egress DestGroupId) counts like a source: "as sources or destinations"
  return new Set(rules.flatMap((r) => [r.sourceGroupId, r.destGroupId ?? '']).filter((id) => id !== ''));
}

/**
 * A normal group references at most `world.maxGroupReferences` distinct groups
 * (AuthorizedGroupRule.LimitExceed, 400). Only a request that brings in a new reference can break the
 * limit (a seeded group already over it can still take CIDR rules). The docs disagree on what counts:
 * the notes say 20 groups, the error message 20 rules; the emulator counts groups (COVERAGE-ecs.md).
 */
export function checkReferenceQuota(scope: Scope, group: SecurityGroup, fresh: RuleSpec[]): void {
  const before = referencedGroups(group.rules);
  const after = referencedGroups([...group.rules, ...fresh]);
  if (after.size > before.size && after.size > scope.world.maxGroupReferences) {
    throw apiError(
      'AuthorizedGroupRule.LimitExceed',
      `You have reached the limit on the number of group authorization rules that you can add to a security group.When authorization object of rule is security group, the limit is ${scope.world.maxGroupReferences}.`,
    );
  }
}
