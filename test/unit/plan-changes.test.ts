import { describe, expect, it } from 'vitest';
import { planHasChanges, planPairings, type Plan } from '../../shared/plan';
import {
  accountA,
  accountB,
  config,
  group,
  groupSide,
  instance,
  instanceSide,
  pairing,
  rule,
  state,
  withRules,
} from './builders';

describe('planPairings: Changes', () => {
  it('adds the missing rules of both procedures, grouped by account and group, sorted', () => {
    // Prepare
    const cfg = config(
      [
        pairing({ name: 'web-pair', sides: [instanceSide(accountA, 'i-a1'), instanceSide(accountA, 'i-a2')] }),
        pairing({ name: 'app-db', sides: [groupSide(accountB, 'sg2'), groupSide(accountA, 'sg1')] }),
      ],
      'demo',
    );
    const present = rule({ groupId: 'sg-a2', accountId: accountA, peer: { kind: 'cidr', cidr: '10.0.0.1/32' } });
    const actual = state({
      instances: [instance(accountA, 'i-a1', '10.0.0.1', ['sg-a1']), instance(accountA, 'i-a2', '10.0.0.2', ['sg-a2'])],
      groups: [
        group(accountA, 'sg-a1'),
        withRules(group(accountA, 'sg-a2'), [present]),
        group(accountA, 'sg1'),
        group(accountB, 'sg2'),
      ],
    });

    // Act
    const plan = planPairings(cfg, actual);

    // Assess
    const add = (groupId: string, accountId: string, peer: Parameters<typeof rule>[0]['peer'], name: string) => ({
      rule: rule({ groupId, accountId, peer, description: `sg-pairing:demo:${name}` }),
      pairing: name,
    });
    const expected: Plan = {
      version: 1,
      deployment: 'demo',
      region: 'cn-qingdao',
      selection: null,
      pairings: [
        {
          name: 'app-db',
          status: 'Changes',
          rulesToAdd: 2,
          rulesPresent: 0,
          warnings: [],
          strategy: { chosen: 'group', reason: 'OneVpc' },
        },
        {
          name: 'web-pair',
          status: 'Changes',
          rulesToAdd: 1,
          rulesPresent: 1,
          warnings: [],
          strategy: { chosen: 'addresses', reason: 'NoGroupSide' },
        },
      ],
      groups: [
        {
          accountId: accountA,
          groupId: 'sg-a1',
          region: 'cn-qingdao',
          add: [add('sg-a1', accountA, { kind: 'cidr', cidr: '10.0.0.2/32' }, 'web-pair')],
        },
        {
          accountId: accountA,
          groupId: 'sg1',
          region: 'cn-qingdao',
          add: [add('sg1', accountA, { kind: 'group', groupId: 'sg2', ownerId: accountB }, 'app-db')],
        },
        {
          accountId: accountB,
          groupId: 'sg2',
          region: 'cn-qingdao',
          add: [add('sg2', accountB, { kind: 'group', groupId: 'sg1', ownerId: accountA }, 'app-db')],
        },
      ],
      counts: {
        pairings: 2,
        inSync: 0,
        changes: 2,
        blocked: 0,
        failed: 0,
        rulesToAdd: 3,
        groupsToChange: 3,
        rulesToRevoke: 0,
        rulesWouldRevoke: 0,
      },
      // no record was listed: the groups it adds to get the record tag
      record: {
        key: 'sg-pairing:demo',
        listed: false,
        tag: [
          { accountId: accountA, groupId: 'sg-a1' },
          { accountId: accountA, groupId: 'sg1' },
          { accountId: accountB, groupId: 'sg2' },
        ],
        untag: [],
      },
      // where each side receives, and the room there (the compliance view's input)
      receiving: {
        rulesPerGroup: 200,
        referencedGroupsPerGroup: 20,
        sides: [
          { pairing: 'app-db', side: 0, accountId: accountB, groupId: 'sg2' },
          { pairing: 'app-db', side: 1, accountId: accountA, groupId: 'sg1' },
          { pairing: 'web-pair', side: 0, accountId: accountA, groupId: 'sg-a1' },
          { pairing: 'web-pair', side: 1, accountId: accountA, groupId: 'sg-a2' },
        ],
        groups: [
          { accountId: accountA, groupId: 'sg-a1', rules: 0, references: 0 },
          { accountId: accountA, groupId: 'sg-a2', rules: 1, references: 0 },
          { accountId: accountA, groupId: 'sg1', rules: 0, references: 0 },
          { accountId: accountB, groupId: 'sg2', rules: 0, references: 0 },
        ],
        failedAccounts: [],
      },
    };
    expect(plan).toEqual(expected);
    expect(planHasChanges(plan)).toBe(true);
  });

  it('puts more than 100 rules for one group in one group entry (apply splits the calls)', () => {
    const count = 120;
    const names = Array.from({ length: count }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const cfg = config(
      names.map((name, i) =>
        pairing({
          name,
          sides: [instanceSide(accountA, `i-${i}`), groupSide(accountB, 'sg-big')],
          direction: 'first-to-second',
        }),
      ),
    );
    const actual = state({
      instances: names.map((_, i) =>
        instance(accountA, `i-${i}`, `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`, ['sg-a']),
      ),
      groups: [group(accountB, 'sg-big')],
    });

    const plan = planPairings(cfg, actual);

    expect(plan.groups.map((g) => [g.groupId, g.add.length])).toEqual([['sg-big', count]]);
    expect(plan.counts).toEqual({
      pairings: count,
      inSync: 0,
      changes: count,
      blocked: 0,
      failed: 0,
      rulesToAdd: count,
      groupsToChange: 1,
      rulesToRevoke: 0,
      rulesWouldRevoke: 0,
    });
  });

  it('adds a rule wanted by two pairings once, credited to the first by name', () => {
    const sides = [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg2')] as const;
    const cfg = config([pairing({ name: 'second', sides }), pairing({ name: 'first', sides })]);
    const actual = state({ groups: [group(accountA, 'sg1'), group(accountB, 'sg2')] });

    const plan = planPairings(cfg, actual);

    expect(plan.groups.flatMap((g) => g.add.map((a) => [g.groupId, a.pairing]))).toEqual([
      ['sg1', 'first'],
      ['sg2', 'first'],
    ]);
    expect(plan.pairings.map((p) => [p.name, p.status, p.rulesToAdd])).toEqual([
      ['first', 'Changes', 2],
      ['second', 'Changes', 2],
    ]);
    expect(plan.counts.rulesToAdd).toBe(2);
  });
});
