/** Small builders for unit tests: the smallest valid value, overridden where a test cares. */
import type { GroupSide, InstanceSide, NormalizedConfig, NormalizedPairing, TagSide } from '../../shared/config';
import type { AccountFailure, ActualGroup, ActualInstance, ActualState } from '../../shared/plan';
import { factKey, memberKey, type CanonicalRule, type MemberSelector } from '../../shared/rules';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';

/** the paired accounts of the seed world, under the unit tests' short names */
export const accountA = ACCOUNT_A_ID;
export const accountB = ACCOUNT_B_ID;
export const vpc = 'vpc-shared';

const aliasOf: Record<string, string> = { [accountA]: 'a', [accountB]: 'b' };

export function groupSide(accountId: string, securityGroupId: string): GroupSide {
  return { kind: 'group', accountAlias: aliasOf[accountId] ?? 'x', accountId, securityGroupId };
}

export function instanceSide(accountId: string, instanceId: string, securityGroupId?: string): InstanceSide {
  const side: InstanceSide = { kind: 'instance', accountAlias: aliasOf[accountId] ?? 'x', accountId, instanceId };
  return securityGroupId === undefined ? side : { ...side, securityGroupId };
}

export function tagSide(accountId: string, tags: Record<string, string>, securityGroupId?: string): TagSide {
  const side: TagSide = { kind: 'tags', accountAlias: aliasOf[accountId] ?? 'x', accountId, tags };
  return securityGroupId === undefined ? side : { ...side, securityGroupId };
}

export function pairing(
  overrides: Partial<NormalizedPairing> & Pick<NormalizedPairing, 'name' | 'sides'>,
): NormalizedPairing {
  return {
    protocol: 'all',
    ports: '-1/-1',
    direction: 'both',
    priority: 1,
    region: 'cn-qingdao',
    strategy: 'auto',
    prune: 'owned',
    ...overrides,
  };
}

export function config(
  pairings: readonly NormalizedPairing[],
  name = 'prod',
  overrides: Partial<Pick<NormalizedConfig, 'prune' | 'maxChangesPerRun' | 'maxChangesPerRunTotal'>> = {},
): NormalizedConfig {
  return {
    version: 1,
    name,
    region: 'cn-qingdao',
    roleName: 'sg-pairing',
    accounts: {
      a: { alias: 'a', accountId: accountA, roleArn: `acs:ram::${accountA}:role/sg-pairing` },
      b: { alias: 'b', accountId: accountB, roleArn: `acs:ram::${accountB}:role/sg-pairing` },
    },
    pairings,
    prune: 'owned',
    maxChangesPerRun: 500,
    maxChangesPerRunTotal: 500,
    ...overrides,
  };
}

export function group(accountId: string, groupId: string, overrides: Partial<ActualGroup> = {}): ActualGroup {
  return {
    accountId,
    groupId,
    vpcId: vpc,
    type: 'normal',
    innerAccessPolicy: 'Accept',
    rules: [],
    ruleCount: 0,
    referencedGroupCount: 0,
    ...overrides,
  };
}

export function instance(
  accountId: string,
  instanceId: string,
  privateIp: string,
  securityGroupIds: string[],
  overrides: Partial<ActualInstance> = {},
): ActualInstance {
  return { accountId, instanceId, status: 'Running', privateIp, vpcId: vpc, securityGroupIds, ...overrides };
}

export function state(parts: {
  groups?: ActualGroup[];
  instances?: ActualInstance[];
  accountFailures?: AccountFailure[];
  members?: [MemberSelector, ActualInstance[]][];
}): ActualState {
  return {
    groups: Object.fromEntries((parts.groups ?? []).map((g) => [factKey(g.accountId, g.groupId), g])),
    instances: Object.fromEntries((parts.instances ?? []).map((i) => [factKey(i.accountId, i.instanceId), i])),
    ...(parts.members === undefined
      ? {}
      : { memberInstances: Object.fromEntries(parts.members.map(([selector, list]) => [memberKey(selector), list])) }),
    accountFailures: parts.accountFailures ?? [],
  };
}

/** An accept rule as the product would write it; override anything. */
export function rule(
  overrides: Partial<CanonicalRule> & Pick<CanonicalRule, 'groupId' | 'accountId' | 'peer'>,
): CanonicalRule {
  return {
    protocol: 'all',
    ports: '-1/-1',
    policy: 'accept',
    priority: 1,
    nicType: 'intranet',
    description: '',
    ...overrides,
  };
}

/** Adds rules to a group, keeping ruleCount in step. */
export function withRules(g: ActualGroup, rules: readonly CanonicalRule[]): ActualGroup {
  return { ...g, rules: [...g.rules, ...rules], ruleCount: g.ruleCount + rules.length };
}
