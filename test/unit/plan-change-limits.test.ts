import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TagSide } from '../../shared/config';
import { planPairings, type Plan } from '../../shared/plan';
import { ruleKey, type CanonicalRule } from '../../shared/rules';
import { actualStateArb, pairingsArb } from './arbitraries';
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
  tagSide,
  withRules,
} from './builders';

// Issue 18.3: one account's flood of members refuses only its own pairing's additions; revocations
// and other pairings go on; maxMembers refuses a side's pairing with the count; the run-wide
// ceiling still stops a run.

const cacheSide = (extra: Partial<TagSide> = {}): TagSide => ({ ...tagSide(accountA, { role: 'cache' }), ...extra });
const cache = (extra: Partial<TagSide> = {}) =>
  pairing({ name: 'cache', sides: [cacheSide(extra), groupSide(accountB, 'sg-db')], direction: 'first-to-second' });
const web = pairing({
  name: 'web',
  sides: [instanceSide(accountB, 'i-web'), groupSide(accountB, 'sg-app')],
  direction: 'first-to-second',
});
const stale: CanonicalRule = rule({
  groupId: 'sg-app',
  accountId: accountB,
  peer: { kind: 'cidr', cidr: '10.1.0.9/32' },
  description: 'sg-pairing:prod:web',
  ruleId: 'sgr-stale',
});
const flood = (n: number) =>
  Array.from({ length: n }, (_, i) => instance(accountA, `i-c${i}`, `10.0.1.${i + 1}`, ['sg-a']));
const world = (members: number) =>
  state({
    instances: [instance(accountB, 'i-web', '10.1.0.1', ['sg-web'])],
    groups: [
      group(accountA, 'sg-a'),
      group(accountB, 'sg-db'),
      withRules(group(accountB, 'sg-app'), [stale]),
      group(accountB, 'sg-web'),
    ],
    members: [[{ accountId: accountA, tags: { role: 'cache' } }, flood(members)]],
  });

describe('planPairings: limits per pairing', () => {
  it('a flood past maxChangesPerRun in one account refuses only that pairing; others and revocations apply', () => {
    const plan = planPairings(config([cache(), web], 'prod', { maxChangesPerRun: 3 }), world(5));

    expect(plan.refused).toBeUndefined();
    expect(plan.pairings.map((p) => [p.name, p.status, p.reason, p.rulesToAdd, p.rulesToRevoke])).toEqual([
      ['cache', 'Blocked', 'MaxChangesExceeded', 0, undefined],
      ['web', 'Changes', undefined, 1, 1],
    ]);
    expect(plan.pairings[0]?.message).toContain('would add 5 rules, over maxChangesPerRun 3 (per pairing)');
    expect(plan.groups.map((g) => [g.groupId, g.add.map((a) => a.rule.peer), g.revoke?.map((r) => r.reason)])).toEqual([
      ['sg-app', [{ kind: 'cidr', cidr: '10.1.0.1/32' }], ['SourceGone']],
    ]);
    expect(plan.counts).toMatchObject({ blocked: 1, changes: 1, rulesToAdd: 1, rulesToRevoke: 1 });
  });

  it('within the limit the same pairing goes on', () => {
    const plan = planPairings(config([cache(), web], 'prod', { maxChangesPerRun: 5 }), world(5));

    expect(plan.pairings.map((p) => [p.name, p.status, p.rulesToAdd])).toEqual([
      ['cache', 'Changes', 5],
      ['web', 'Changes', 1],
    ]);
  });

  it('maxMembers refuses a side resolving to more members, with the count, for that pairing only', () => {
    const plan = planPairings(config([cache({ maxMembers: 2 }), web]), world(3));

    expect(plan.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([
      ['cache', 'Blocked', 'MaxMembersExceeded'],
      ['web', 'Changes', undefined],
    ]);
    expect(plan.pairings[0]?.message).toContain('tags role=cache in account');
    expect(plan.pairings[0]?.message).toContain('has 3 members, over its maxMembers 2');
    expect(plan.groups.map((g) => g.groupId)).toEqual(['sg-app']);
    expect(planPairings(config([cache({ maxMembers: 3 }), web]), world(3)).pairings[0]?.status).toBe('Changes');
  });
});

describe('planPairings: the run-wide ceiling', () => {
  it('additions past maxChangesPerRunTotal are all refused, revocations go on', () => {
    const plan = planPairings(config([cache(), web], 'prod', { maxChangesPerRunTotal: 4 }), world(5));

    expect(plan.refused).toBeUndefined();
    expect(plan.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([
      ['cache', 'Blocked', 'MaxChangesPerRunTotalExceeded'],
      ['web', 'Blocked', 'MaxChangesPerRunTotalExceeded'],
    ]);
    expect(plan.groups.map((g) => [g.groupId, g.add.length, g.revoke?.length])).toEqual([['sg-app', 0, 1]]);
  });

  it('stops the run (nothing written) when revocations alone exceed it', () => {
    const plan = planPairings(config([cache(), web], 'prod', { maxChangesPerRunTotal: 0 }), world(0));

    expect(plan.refused).toMatchObject({ reason: 'MaxChangesPerRunTotalExceeded', changes: 2, limit: 0 });
  });
});

describe('planPairings: limits never hold back revocations (property)', () => {
  const revokes = (plan: Plan) => plan.groups.flatMap((g) => (g.revoke ?? []).map((r) => r.rule.ruleId)).sort();
  const adds = (plan: Plan) => plan.groups.flatMap((g) => g.add.map((a) => ruleKey(a.rule)));

  it('any per-pairing limit, maxMembers or ceiling keeps every revocation, and only ever drops additions', () => {
    fc.assert(
      fc.property(
        pairingsArb,
        actualStateArb,
        fc.nat(4),
        fc.nat(12),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        (pairings, actual, perPairing, total, maxMembers) => {
          const free = planPairings(
            config(pairings, 'prod', { maxChangesPerRun: 1e6, maxChangesPerRunTotal: 1e6 }),
            actual,
          );
          const crowded = pairings.map((p) => ({ ...p, sides: [{ ...p.sides[0], maxMembers }, p.sides[1]] as const }));
          const held = planPairings(
            config(maxMembers === undefined ? pairings : crowded, 'prod', {
              maxChangesPerRun: perPairing,
              maxChangesPerRunTotal: total,
            }),
            actual,
          );
          if ((free.counts.rulesToRevoke ?? 0) > total) {
            expect(held.refused?.reason).toBe('MaxChangesPerRunTotalExceeded');
            return;
          }
          expect(held.refused).toBeUndefined();
          expect(revokes(held)).toEqual(revokes(free));
          const allowed = new Set(adds(free));
          expect(adds(held).every((k) => allowed.has(k))).toBe(true);
          expect(held.counts.rulesToAdd + (held.counts.rulesToRevoke ?? 0)).toBeLessThanOrEqual(
            Math.max(total, held.counts.rulesToRevoke ?? 0),
          );
        },
      ),
    );
  });
});
