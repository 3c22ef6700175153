import { describe, expect, it } from 'vitest';
import { planPairings } from '../../shared/plan';
import { dropRuleBlocks, type CanonicalRule } from '../../shared/rules';
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

const cfg = config([
  pairing({
    name: 'web',
    sides: [instanceSide(accountA, 'i-1'), groupSide(accountB, 'sg2')],
    direction: 'first-to-second',
    protocol: 'tcp',
    ports: '443/443',
    priority: 5,
  }),
]);
const wanted = rule({
  groupId: 'sg2',
  accountId: accountB,
  protocol: 'tcp',
  ports: '443/443',
  priority: 5,
  peer: { kind: 'cidr', cidr: '10.0.0.1/32' },
});
const drop = (overrides: Partial<CanonicalRule>): CanonicalRule =>
  rule({
    groupId: 'sg2',
    accountId: accountB,
    policy: 'drop',
    peer: { kind: 'cidr', cidr: '10.0.0.0/24' },
    priority: 5,
    ruleId: 'sgr-drop',
    ...overrides,
  });

function planWith(existing: CanonicalRule[]) {
  const actual = state({
    instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg1'])],
    groups: [group(accountA, 'sg1'), withRules(group(accountB, 'sg2'), existing)],
  });
  return planPairings(cfg, actual);
}

describe('planPairings: drop rules that would block a pairing', () => {
  it('warns about a drop rule of equal priority over the same traffic, and keeps the status', () => {
    const plan = planWith([drop({})]);

    expect(plan.pairings).toEqual([
      {
        name: 'web',
        status: 'Changes',
        rulesToAdd: 1,
        rulesPresent: 0,
        warnings: [
          {
            code: 'ShadowedByDropRule',
            message: expect.any(String),
            accountId: accountB,
            groupId: 'sg2',
            ruleId: 'sgr-drop',
          },
        ],
        strategy: { chosen: 'addresses', reason: 'NoGroupSide' },
      },
    ]);
  });

  it('warns even when the pairing is in sync', () => {
    const plan = planWith([drop({ priority: 1 }), { ...wanted, description: 'sg-pairing:prod:web' }]);

    expect(plan.pairings.map((p) => [p.status, p.warnings.map((w) => w.code)])).toEqual([
      ['InSync', ['ShadowedByDropRule']],
    ]);
  });

  it.each<[string, Partial<CanonicalRule>]>([
    ['a lower priority (larger number)', { priority: 6 }],
    ['another source', { peer: { kind: 'cidr', cidr: '10.0.1.0/24' } }],
    ['other ports', { protocol: 'tcp', ports: '22/22' }],
    ['another protocol', { protocol: 'udp', ports: '443/443' }],
    ['an accept rule', { policy: 'accept' }],
    ['an unmatchable rule', { unmatchable: 'quintuple' }],
  ])('does not warn about a drop rule with %s', (_name, overrides) => {
    expect(planWith([drop(overrides)]).pairings[0]?.warnings).toEqual([]);
  });
});

describe('dropRuleBlocks', () => {
  it.each<[string, Partial<CanonicalRule>, CanonicalRule, boolean]>([
    ['drop all covers tcp', { protocol: 'all', ports: '-1/-1' }, wanted, true],
    ['overlapping port ranges', { protocol: 'tcp', ports: '400/500' }, wanted, true],
    [
      '0.0.0.0/0 blocks a group peer',
      { peer: { kind: 'cidr', cidr: '0.0.0.0/0' } },
      { ...wanted, peer: { kind: 'group', groupId: 'sg1', ownerId: accountA } },
      true,
    ],
    [
      'same group peer',
      { peer: { kind: 'group', groupId: 'sg1', ownerId: accountA } },
      { ...wanted, peer: { kind: 'group', groupId: 'sg1', ownerId: accountA } },
      true,
    ],
    [
      'a CIDR does not block a group peer',
      {},
      { ...wanted, peer: { kind: 'group', groupId: 'sg1', ownerId: accountA } },
      false,
    ],
    ['another group', { groupId: 'sg9' }, wanted, false],
  ])('%s', (_name, overrides, target, expected) => {
    expect(dropRuleBlocks(drop(overrides), target)).toBe(expected);
  });
});
