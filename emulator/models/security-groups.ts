import { apiError } from '../errors/api-errors';
import { isoSeconds, type Scope } from './scope';
import type { Rule, SecurityGroup, World } from './world';

/** The caller's own group in the requested region, or InvalidSecurityGroupId.NotFound (404). */
export function findGroup(scope: Scope, groupId: string): SecurityGroup {
  const g = scope.world.groups.get(groupId);
  if (!g || g.owner !== scope.account || g.region !== scope.region) throw apiError('InvalidSecurityGroupId.NotFound');
  return g;
}

export interface NewGroup {
  /** '' = a classic-network group */
  vpcId: string;
  type?: string;
  name?: string;
  description?: string;
}

/**
 * CreateSecurityGroup. The VPC must exist in the region and be the caller's own or shared with it.
 * Normal groups let their members talk to each other (InnerAccessPolicy Accept); enterprise ones do not.
 */
export function createSecurityGroup(scope: Scope, input: NewGroup): SecurityGroup {
  const type = input.type ?? 'normal';
  if (type !== 'normal' && type !== 'enterprise') {
    throw apiError('InvalidParameter', 'The specified parameter "SecurityGroupType" is not valid.');
  }
  if (input.vpcId !== '') {
    const vpc = scope.world.vpcs.get(input.vpcId);
    if (!vpc || vpc.region !== scope.region || !scope.world.vpcUsableBy(vpc, scope.account))
      throw apiError('InvalidVpcId.NotFound');
  }
  const group: SecurityGroup = {
    id: scope.world.nextId('sg-'),
    owner: scope.account,
    region: scope.region,
    vpcId: input.vpcId,
    type,
    name: input.name ?? '',
    description: input.description ?? '',
    innerAccessPolicy: type === 'enterprise' ? 'Drop' : 'Accept',
    rules: [],
    creationTime: isoSeconds(scope.now),
    tags: {},
  };
  scope.world.groups.set(group.id, group);
  return group;
}

export interface GroupFilter {
  ids?: string[];
  id?: string;
  vpcId?: string;
  type?: string;
  /** 'vpc' | 'classic' */
  networkType?: string;
  name?: string;
  /** every tag must be present; a tag without value matches any value (UNCONFIRMED, as DescribeInstances) */
  tags?: { key: string; value?: string }[];
}

/** DescribeSecurityGroups: the caller's groups in the region that pass every given filter, by id. */
export function listGroups(scope: Scope, f: GroupFilter): SecurityGroup[] {
  return [...scope.world.groups.values()]
    .filter((g) => g.owner === scope.account && g.region === scope.region)
    .filter((g) => !f.ids || f.ids.includes(g.id))
    .filter((g) => f.id === undefined || g.id === f.id)
    .filter((g) => f.vpcId === undefined || g.vpcId === f.vpcId)
    .filter((g) => f.type === undefined || g.type === f.type)
    .filter((g) => f.networkType === undefined || (f.networkType === 'classic') === (g.vpcId === ''))
    .filter((g) => f.name === undefined || nameMatches(scope, g.name, f.name))
    .filter((g) => (f.tags ?? []).every((t) => t.key in g.tags && (t.value === undefined || g.tags[t.key] === t.value)))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** SecurityGroupName: the whole name, or (the other reading of the docs, a switch) any name containing it. */
function nameMatches(scope: Scope, name: string, wanted: string): boolean {
  return scope.world.groupNameMatch === 'contains' ? name.includes(wanted) : name === wanted;
}

/** Rules Describe may show now: those whose eventual-consistency delay has passed. */
export function visibleRules(group: SecurityGroup, now: number): Rule[] {
  return group.rules.filter((r) => r.visibleAt <= now);
}

/** RuleCount / GroupToGroupRuleCount as DescribeSecurityGroups reports them (visible rules only). */
export function ruleCounts(group: SecurityGroup, now: number): { ruleCount: number; groupToGroup: number } {
  const rules = visibleRules(group, now);
  return { ruleCount: rules.length, groupToGroup: rules.filter((r) => r.sourceGroupId !== '').length };
}

/** The name of a referenced group, whoever owns it ('' once it is gone). */
export function groupName(world: World, groupId: string): string {
  return world.groups.get(groupId)?.name ?? '';
}
