import { describe, expect, it } from 'vitest';
import type { NormalizedPairing } from '../../shared/config';
import { planPairings, type ActualState, type PlanPairing } from '../../shared/plan';
import { accountA, accountB, config, group, groupSide, instance, instanceSide, pairing, state } from './builders';

const groups = [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg2')] as const;
const instances = [instanceSide(accountA, 'i-1'), instanceSide(accountB, 'i-2')] as const;
const twoGroups = (a: Partial<Parameters<typeof group>[2]> = {}, b: Partial<Parameters<typeof group>[2]> = {}) => [group(accountA, 'sg1', a), group(accountB, 'sg2', b)];
const twoInstances = (overrides: Partial<Parameters<typeof instance>[4]> = {}) => [instance(accountA, 'i-1', '10.0.0.1', ['sg1']), instance(accountB, 'i-2', '10.0.0.2', ['sg2'], overrides)];

const blocked = (reason: string): PlanPairing => ({ name: 'p', status: 'Blocked', reason, message: expect.any(String) as unknown as string, rulesToAdd: 0, rulesPresent: 0, warnings: [] });

const cases: Array<[string, NormalizedPairing, ActualState]> = [
  ['GroupNotFound', pairing({ name: 'p', sides: groups }), state({ groups: [group(accountA, 'sg1')] })],
  ['InstanceNotFound', pairing({ name: 'p', sides: instances }), state({ instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg1'])], groups: twoGroups() })],
  ['InstanceNotRunning', pairing({ name: 'p', sides: instances }), state({ instances: twoInstances({ status: 'Stopped' }), groups: twoGroups() })],
  ['InstanceWithoutPrivateIp', pairing({ name: 'p', sides: instances }), state({ instances: twoInstances({ privateIp: undefined }), groups: twoGroups() })],
  ['InstanceWithoutGroup', pairing({ name: 'p', sides: instances }), state({ instances: twoInstances({ securityGroupIds: [] }), groups: twoGroups() })],
  ['InstanceNotInGroup', pairing({ name: 'p', sides: [instances[0], instanceSide(accountB, 'i-2', 'sg-other')] }), state({ instances: twoInstances(), groups: twoGroups() })],
  ['RegionMismatch', pairing({ name: 'p', sides: instances }), state({ instances: twoInstances({ regionId: 'cn-beijing' }), groups: twoGroups() })],
  ['CrossVpcGroupReference', pairing({ name: 'p', sides: groups }), state({ groups: twoGroups({}, { vpcId: 'vpc-other' }) })],
  ['CrossVpcGroupReference (instance receiving from a group)', pairing({ name: 'p', sides: [groups[0], instances[1]] }), state({ instances: twoInstances({ vpcId: 'vpc-other' }), groups: twoGroups({}, { vpcId: 'vpc-other' }) })],
  ['EnterpriseGroupReference', pairing({ name: 'p', sides: groups }), state({ groups: twoGroups({}, { type: 'enterprise' }) })],
  ['SelfGroupReference', pairing({ name: 'p', sides: [groupSide(accountA, 'sg1'), instanceSide(accountA, 'i-1')] }), state({ instances: twoInstances(), groups: twoGroups({ innerAccessPolicy: 'Drop' }) })],
  ['RuleLimitExceeded', pairing({ name: 'p', sides: groups }), state({ groups: twoGroups({}, { ruleCount: 200 }) })],
  ['ReferenceLimitExceeded', pairing({ name: 'p', sides: groups }), state({ groups: twoGroups({ referencedGroupCount: 20 }) })],
];

describe('planPairings: Blocked', () => {
  it.each(cases)('%s', (name, p, actual) => {
    // Act
    const plan = planPairings(config([p]), actual);

    // Assess
    expect(plan.pairings).toEqual([blocked(name.split(' ')[0] as string)]);
    expect(plan.groups).toEqual([]);
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
      { name: 'p', status: 'Failed', reason: 'AssumeRoleDenied', message: `account ${accountB}: not allowed`, retryable: false, rulesToAdd: 0, rulesPresent: 0, warnings: [] },
      { name: 'q', status: 'Changes', rulesToAdd: 2, rulesPresent: 0, warnings: [] },
    ]);
    expect(plan.groups.map((g) => g.groupId)).toEqual(['sg1', 'sg3']);
    expect(plan.counts).toMatchObject({ failed: 1, changes: 1 });
  });

  it('admits pairings by name while a group has room and blocks the rest', () => {
    const into = (name: string, ip: string, i: string) => [
      pairing({ name, sides: [instanceSide(accountA, i), groupSide(accountB, 'sg2')], direction: 'first-to-second' }),
      instance(accountA, i, ip, ['sg1']),
    ] as const;
    const [p1, i1] = into('aaa', '10.0.0.1', 'i-1');
    const [p2, i2] = into('bbb', '10.0.0.2', 'i-2');
    const actual = state({ instances: [i1, i2], groups: [group(accountA, 'sg1'), group(accountB, 'sg2', { ruleCount: 199 })] });

    const plan = planPairings(config([p2, p1]), actual);

    expect(plan.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([['aaa', 'Changes', undefined], ['bbb', 'Blocked', 'RuleLimitExceeded']]);
    expect(plan.groups.flatMap((g) => g.add.map((a) => a.pairing))).toEqual(['aaa']);
  });

  it('honours custom limits', () => {
    const plan = planPairings(config([pairing({ name: 'p', sides: groups })]), state({ groups: twoGroups({ ruleCount: 5 }) }), { limits: { rulesPerGroup: 5 } });

    expect(plan.pairings).toEqual([blocked('RuleLimitExceeded')]);
  });
});
