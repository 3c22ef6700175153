import { describe, expect, it } from 'vitest';
import { planHasChanges, planPairings, type PlanRevocation } from '../../shared/plan';
import type { CanonicalRule } from '../../shared/rules';
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

// Which rules a plan revokes: only this deployment's exactly-marked rules that nothing wants.

const pair = pairing({
  name: 'web',
  sides: [instanceSide(accountA, 'i-1'), groupSide(accountB, 'sg-db')],
  direction: 'first-to-second',
});
const owned = (cidr: string, description: string, n: number, extra: Partial<CanonicalRule> = {}) =>
  rule({
    groupId: 'sg-db',
    accountId: accountB,
    peer: { kind: 'cidr', cidr },
    description,
    ruleId: `sgr-${n}`,
    ...extra,
  });
const withDb = (rules: CanonicalRule[]) =>
  state({
    instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg-a'])],
    groups: [group(accountA, 'sg-a'), withRules(group(accountB, 'sg-db'), rules)],
  });
const revoked = (r: CanonicalRule, pairingName: string, reason: PlanRevocation['reason']): PlanRevocation => ({
  rule: r,
  pairing: pairingName,
  reason,
});

describe('planPairings: revocations', () => {
  const wanted = owned('10.0.0.1/32', 'sg-pairing:prod:web', 0);
  const gone = owned('10.0.0.9/32', 'sg-pairing:prod:web', 1);
  const removed = owned('10.0.0.1/32', 'sg-pairing:prod:old', 2, { protocol: 'tcp', ports: '22/22' });
  const foreign = [
    owned('10.0.0.8/32', 'sg-pairing:other:web', 3),
    owned('10.0.0.7/32', 'by hand', 4),
    owned('10.0.0.6/32', 'sg-pairing:prod:web ', 5),
    owned('10.0.0.5/32', 'sg-pairing:prod:web', 6, { policy: 'drop' }),
  ];

  it('revokes owned rules no longer wanted, each with its reason, and never a foreign or near-miss rule', () => {
    const plan = planPairings(config([pair]), withDb([wanted, gone, removed, ...foreign]));

    expect(plan.groups).toEqual([
      {
        accountId: accountB,
        groupId: 'sg-db',
        region: 'cn-qingdao',
        add: [],
        revoke: [revoked(gone, 'web', 'SourceGone'), revoked(removed, 'old', 'PairingRemoved')],
      },
    ]);
    expect(plan.pairings).toEqual([
      expect.objectContaining({ name: 'web', status: 'Changes', rulesToAdd: 0, rulesPresent: 1, rulesToRevoke: 1 }),
    ]);
    expect(plan.counts).toMatchObject({ rulesToAdd: 0, rulesToRevoke: 2, rulesWouldRevoke: 0, groupsToChange: 1 });
    expect(planHasChanges(plan)).toBe(true);
  });

  it("prune: off (the pairing's, or the config's for undeclared pairings) reports them as wouldRevoke", () => {
    const plan = planPairings(
      config([{ ...pair, prune: 'off' }], 'prod', { prune: 'off' }),
      withDb([wanted, gone, removed]),
    );

    expect(plan.groups).toEqual([
      {
        accountId: accountB,
        groupId: 'sg-db',
        region: 'cn-qingdao',
        add: [],
        wouldRevoke: [revoked(gone, 'web', 'SourceGone'), revoked(removed, 'old', 'PairingRemoved')],
      },
    ]);
    expect(plan.pairings).toEqual([expect.objectContaining({ status: 'InSync', rulesWouldRevoke: 1 })]);
    expect(plan.counts).toMatchObject({ rulesToRevoke: 0, rulesWouldRevoke: 2, groupsToChange: 0 });
    expect(planHasChanges(plan)).toBe(false);
  });

  it('keeps a rule another pairing desires, even one credited to a removed pairing', () => {
    const renamed = owned('10.0.0.1/32', 'sg-pairing:prod:before-rename', 7);
    const plan = planPairings(config([pair]), withDb([renamed]));

    expect(plan.groups).toEqual([]);
    expect(plan.pairings[0]).toMatchObject({ status: 'InSync', rulesPresent: 1 });
  });

  it("a scoped plan leaves alone what a pairing outside it may want, and that pairing's own rules", () => {
    const other = pairing({
      name: 'other',
      sides: [instanceSide(accountA, 'i-2'), groupSide(accountB, 'sg-db')],
      direction: 'first-to-second',
    });
    const otherRule = owned('10.0.0.2/32', 'sg-pairing:prod:other', 8);
    const credited = owned('10.0.0.3/32', 'sg-pairing:prod:web', 9); // same traffic as `other` wants: maybe its
    const plan = planPairings(config([pair, other]), withDb([wanted, otherRule, credited, removed]), {
      pairings: ['web'],
    });

    expect(plan.groups.flatMap((g) => (g.revoke ?? []).map((r) => r.rule.ruleId))).toEqual(['sgr-2']);
  });

  it("a blocked pairing's rules are kept: what it wants is unknown", () => {
    const plan = planPairings(config([pair]), state({ groups: [withRules(group(accountB, 'sg-db'), [gone])] }));

    expect(plan.pairings[0]).toMatchObject({ status: 'Blocked', reason: 'InstanceNotFound' });
    expect(plan.groups).toEqual([]);
  });

  it('revocations make room under the rule quota first', () => {
    const full = state({
      instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg-a'])],
      groups: [group(accountA, 'sg-a'), { ...withRules(group(accountB, 'sg-db'), [gone]), ruleCount: 200 }],
    });

    const plan = planPairings(config([pair]), full);

    expect(plan.pairings[0]).toMatchObject({ status: 'Changes', rulesToAdd: 1, rulesToRevoke: 1 });
  });
});

describe('planPairings: maxChangesPerRunTotal', () => {
  const gone = owned('10.0.0.9/32', 'sg-pairing:prod:web', 1);

  it('past the ceiling refuses every addition and keeps the revocations; revocations alone past it refuse the plan', () => {
    const held = planPairings(config([pair], 'prod', { maxChangesPerRunTotal: 1 }), withDb([gone]));

    expect(held.refused).toBeUndefined();
    expect(held.pairings[0]).toMatchObject({
      status: 'Blocked',
      reason: 'MaxChangesPerRunTotalExceeded',
      message: expect.stringContaining('add 1 and revoke 1'),
      rulesToAdd: 0,
      rulesToRevoke: 1,
    });
    expect(held.counts).toMatchObject({ rulesToAdd: 0, rulesToRevoke: 1 });

    const refused = planPairings(config([pair], 'prod', { maxChangesPerRunTotal: 0 }), withDb([gone]));
    expect(refused.refused).toEqual({
      reason: 'MaxChangesPerRunTotalExceeded',
      message: expect.stringContaining('revoke 1 rule(s) (and add 1)'),
      changes: 2,
      limit: 0,
    });
    expect(planPairings(config([pair], 'prod', { maxChangesPerRunTotal: 2 }), withDb([gone])).refused).toBeUndefined();
  });
});
