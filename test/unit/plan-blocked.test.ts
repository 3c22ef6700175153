import { describe, expect, it } from 'vitest';
import type { NormalizedPairing } from '../../shared/config';
import { planPairings, type ActualState, type PlanPairing, type PlanStrategy } from '../../shared/plan';
import { accountA, accountB, config, group, groupSide, instance, instanceSide, pairing, state } from './builders';

const groups = [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg2')] as const;
const instances = [instanceSide(accountA, 'i-1'), instanceSide(accountB, 'i-2')] as const;
const twoGroups = (a: Partial<Parameters<typeof group>[2]> = {}, b: Partial<Parameters<typeof group>[2]> = {}) => [
  group(accountA, 'sg1', a),
  group(accountB, 'sg2', b),
];
const twoInstances = (overrides: Partial<Parameters<typeof instance>[4]> = {}) => [
  instance(accountA, 'i-1', '10.0.0.1', ['sg1']),
  instance(accountB, 'i-2', '10.0.0.2', ['sg2'], overrides),
];

const blocked = (reason: string, strategy?: PlanStrategy): PlanPairing => ({
  name: 'p',
  status: 'Blocked',
  reason,
  message: expect.any(String) as unknown as string,
  rulesToAdd: 0,
  rulesPresent: 0,
  warnings: [],
  ...(strategy === undefined ? {} : { strategy }),
});
const byAddress: PlanStrategy = { chosen: 'addresses', reason: 'NoGroupSide' };
const forcedGroup: PlanStrategy = { chosen: 'group', reason: 'Configured' };
const oneVpc: PlanStrategy = { chosen: 'group', reason: 'OneVpc' };
/** `strategy: group`: a reference or nothing, so the reference's own blocks show */
const byReference = (p: Omit<Parameters<typeof pairing>[0], 'strategy'>) => pairing({ ...p, strategy: 'group' });

const cases: Array<[string, NormalizedPairing, ActualState, PlanStrategy | undefined]> = [
  ['GroupNotFound', pairing({ name: 'p', sides: groups }), state({ groups: [group(accountA, 'sg1')] }), undefined],
  [
    'InstanceNotFound',
    pairing({ name: 'p', sides: instances }),
    state({ instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg1'])], groups: twoGroups() }),
    byAddress,
  ],
  [
    'InstanceNotRunning',
    pairing({ name: 'p', sides: instances }),
    state({ instances: twoInstances({ status: 'Stopped' }), groups: twoGroups() }),
    byAddress,
  ],
  [
    'InstanceWithoutPrivateIp',
    pairing({ name: 'p', sides: instances }),
    state({ instances: twoInstances({ privateIp: undefined }), groups: twoGroups() }),
    byAddress,
  ],
  [
    'InstanceWithoutGroup',
    pairing({ name: 'p', sides: instances }),
    state({ instances: twoInstances({ securityGroupIds: [] }), groups: twoGroups() }),
    byAddress,
  ],
  [
    'InstanceNotInGroup',
    pairing({ name: 'p', sides: [instances[0], instanceSide(accountB, 'i-2', 'sg-other')] }),
    state({ instances: twoInstances(), groups: twoGroups() }),
    byAddress,
  ],
  [
    'RegionMismatch',
    pairing({ name: 'p', sides: instances }),
    state({ instances: twoInstances({ regionId: 'cn-beijing' }), groups: twoGroups() }),
    byAddress,
  ],
  [
    'CrossVpcGroupReference',
    byReference({ name: 'p', sides: groups }),
    state({ groups: twoGroups({}, { vpcId: 'vpc-other' }) }),
    forcedGroup,
  ],
  [
    'CrossVpcGroupReference (instance receiving from a group)',
    byReference({ name: 'p', sides: [groups[0], instances[1]], direction: 'first-to-second' }),
    state({ instances: twoInstances({ vpcId: 'vpc-other' }), groups: twoGroups({}, { vpcId: 'vpc-other' }) }),
    forcedGroup,
  ],
  [
    'EnterpriseGroupReference',
    byReference({ name: 'p', sides: groups }),
    state({ groups: twoGroups({}, { type: 'enterprise' }) }),
    forcedGroup,
  ],
  [
    'SelfGroupReference',
    byReference({
      name: 'p',
      sides: [groupSide(accountA, 'sg1'), instanceSide(accountA, 'i-1')],
      direction: 'first-to-second',
    }),
    state({ instances: twoInstances(), groups: twoGroups({ innerAccessPolicy: 'Drop' }) }),
    forcedGroup,
  ],
  [
    'MembersNotRead',
    pairing({ name: 'p', sides: groups, strategy: 'addresses' }),
    state({ groups: twoGroups() }),
    { chosen: 'addresses', reason: 'Configured' },
  ],
  [
    'RuleLimitExceeded',
    pairing({ name: 'p', sides: groups }),
    state({ groups: twoGroups({}, { ruleCount: 200 }) }),
    oneVpc,
  ],
  [
    'ReferenceLimitExceeded',
    byReference({ name: 'p', sides: groups }),
    state({ groups: twoGroups({ referencedGroupCount: 20 }) }),
    forcedGroup,
  ],
];

describe('planPairings: Blocked', () => {
  it.each(cases)('%s', (name, p, actual, strategy) => {
    // Act
    const plan = planPairings(config([p]), actual);

    // Assess
    expect(plan.pairings).toEqual([blocked(name.split(' ')[0] as string, strategy)]);
    expect(plan.groups).toEqual([]);
  });

  it('names the way out of a quota: a wider range or a reference for too many rules, no reference for too many references', () => {
    const members = [instance(accountB, 'i-2', '10.0.0.2', ['sg2'])];
    const rules = planPairings(
      config([pairing({ name: 'p', sides: groups, strategy: 'addresses' })]),
      state({
        groups: twoGroups({ ruleCount: 200 }),
        members: [
          [{ accountId: accountB, securityGroupId: 'sg2' }, members],
          [{ accountId: accountA, securityGroupId: 'sg1' }, []],
        ],
      }),
    );
    const references = planPairings(
      config([byReference({ name: 'p', sides: groups })]),
      state({ groups: twoGroups({ referencedGroupCount: 20 }) }),
    );

    expect(rules.pairings[0]?.message).toMatch(
      /over the limit of 200 rules per group; use strategy cidr .*group reference/,
    );
    expect(references.pairings[0]?.message).toMatch(
      /over the limit of 20 referenced groups per group; use strategy addresses or cidr/,
    );
  });

  it('fails only the pairings of an account that could not be read; the others go on', () => {
    const cfg = config([
      pairing({ name: 'p', sides: groups }),
      pairing({ name: 'q', sides: [groupSide(accountA, 'sg1'), groupSide(accountA, 'sg3')] }),
    ]);
    const actual = state({
      groups: [...twoGroups(), group(accountA, 'sg3')],
      accountFailures: [{ accountId: accountB, code: 'AssumeRoleDenied', message: 'not allowed', retryable: false }],
    });

    const plan = planPairings(cfg, actual);

    expect(plan.pairings).toEqual([
      {
        name: 'p',
        status: 'Failed',
        reason: 'AssumeRoleDenied',
        message: `account ${accountB}: not allowed`,
        retryable: false,
        rulesToAdd: 0,
        rulesPresent: 0,
        warnings: [],
      },
      { name: 'q', status: 'Changes', rulesToAdd: 2, rulesPresent: 0, warnings: [], strategy: oneVpc },
    ]);
    expect(plan.groups.map((g) => g.groupId)).toEqual(['sg1', 'sg3']);
    expect(plan.counts).toMatchObject({ failed: 1, changes: 1 });
  });

  it('admits pairings by name while a group has room and blocks the rest', () => {
    const into = (name: string, ip: string, i: string) =>
      [
        pairing({ name, sides: [instanceSide(accountA, i), groupSide(accountB, 'sg2')], direction: 'first-to-second' }),
        instance(accountA, i, ip, ['sg1']),
      ] as const;
    const [p1, i1] = into('aaa', '10.0.0.1', 'i-1');
    const [p2, i2] = into('bbb', '10.0.0.2', 'i-2');
    const actual = state({
      instances: [i1, i2],
      groups: [group(accountA, 'sg1'), group(accountB, 'sg2', { ruleCount: 199 })],
    });

    const plan = planPairings(config([p2, p1]), actual);

    expect(plan.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([
      ['aaa', 'Changes', undefined],
      ['bbb', 'Blocked', 'RuleLimitExceeded'],
    ]);
    expect(plan.groups.flatMap((g) => g.add.map((a) => a.pairing))).toEqual(['aaa']);
  });

  it('honours custom limits', () => {
    const plan = planPairings(
      config([pairing({ name: 'p', sides: groups })]),
      state({ groups: twoGroups({ ruleCount: 5 }) }),
      { limits: { rulesPerGroup: 5 } },
    );

    expect(plan.pairings).toEqual([blocked('RuleLimitExceeded', oneVpc)]);
  });
});
