import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedPairing } from '../../shared/config';
import { planHasChanges, planPairings, PlanSchema, type ActualState, type Plan } from '../../shared/plan';
import { computeDesiredRules, factKey, peerKey, ruleDescription, type CanonicalRule } from '../../shared/rules';
import { actualStateArb, pairingsArb, permutationArb } from './arbitraries';
import { config } from './builders';

/** What an apply of the plan would leave behind: its rules in their groups, counters updated. */
function applied(actual: ActualState, plan: Plan): ActualState {
  const groups = { ...actual.groups };
  for (const entry of plan.groups) {
    const key = factKey(entry.accountId, entry.groupId);
    const group = groups[key];
    if (group === undefined) continue;
    const referenced = new Set(group.rules.filter((r) => r.peer.kind === 'group').map((r) => peerKey(r.peer)));
    const added = entry.add.map((a) => a.rule);
    const newReferences = new Set(added.filter((r) => r.peer.kind === 'group' && !referenced.has(peerKey(r.peer))).map((r) => peerKey(r.peer)));
    groups[key] = { ...group, rules: [...group.rules, ...added], ruleCount: group.ruleCount + added.length, referencedGroupCount: group.referencedGroupCount + newReferences.size };
  }
  return { ...actual, groups };
}

/** The state with every desired rule of every pairing already in its group. */
function holdingDesired(pairings: NormalizedPairing[], actual: ActualState): ActualState {
  const desired = computeDesiredRules(config(pairings), actual).flatMap((p) => (p.ok ? p.rules : []));
  const groups = { ...actual.groups };
  for (const rule of desired) {
    const key = factKey(rule.accountId, rule.groupId);
    const group = groups[key];
    if (group !== undefined) groups[key] = { ...group, rules: [...group.rules, { ...rule, description: 'made by someone else' }] };
  }
  return { ...actual, groups };
}

function shuffledRules(actual: ActualState, order: (rules: readonly CanonicalRule[]) => CanonicalRule[]): ActualState {
  const groups = Object.fromEntries(Object.entries(actual.groups).map(([key, g]) => [key, g === undefined ? g : { ...g, rules: order(g.rules) }]));
  return { ...actual, groups };
}

describe('planPairings properties', () => {
  it('plans nothing for a state that already holds the desired rules', () => {
    fc.assert(
      fc.property(pairingsArb, actualStateArb, (pairings, actual) => {
        const plan = planPairings(config(pairings), holdingDesired(pairings, actual));

        expect(plan.groups).toEqual([]);
        expect(planHasChanges(plan)).toBe(false);
        expect(plan.pairings.filter((p) => p.status === 'Changes')).toEqual([]);
      }),
    );
  });

  it('converges: planning again after applying the plan adds nothing', () => {
    fc.assert(
      fc.property(pairingsArb, actualStateArb, (pairings, actual) => {
        const cfg = config(pairings);
        const first = planPairings(cfg, actual);

        const second = planPairings(cfg, applied(actual, first));

        expect(second.groups).toEqual([]);
        expect(second.pairings.map((p) => p.status).filter((s) => s === 'Changes')).toEqual([]);
      }),
    );
  });

  it('does not depend on the order of pairings in the config or of rules in a group', () => {
    const input = fc.tuple(pairingsArb, actualStateArb).chain(([pairings, actual]) =>
      fc.tuple(fc.constant(pairings), fc.constant(actual), permutationArb(pairings.length), fc.integer()),
    );
    fc.assert(
      fc.property(input, ([pairings, actual, permutation, seed]) => {
        const shuffledPairings = permutation.map((i) => pairings[i] as NormalizedPairing);
        const rotate = (rules: readonly CanonicalRule[]) => {
          const n = rules.length === 0 ? 0 : Math.abs(seed) % rules.length;
          return [...rules.slice(n), ...rules.slice(0, n)].reverse();
        };

        const plan = planPairings(config(pairings), actual);
        const shuffled = planPairings(config(shuffledPairings), shuffledRules(actual, rotate));

        expect(shuffled).toEqual(plan);
      }),
    );
  });

  it("only adds accept rules described with this deployment's marker, never removes, and survives JSON", () => {
    fc.assert(
      fc.property(pairingsArb, actualStateArb, (pairings, actual) => {
        const plan = planPairings(config(pairings, 'prod'), actual);

        const additions = plan.groups.flatMap((g) => g.add);
        expect(additions.filter((a) => a.rule.description !== ruleDescription('prod', a.pairing) || a.rule.policy !== 'accept')).toEqual([]);
        expect(PlanSchema.parse(plan)).toEqual(plan); // strict: a group entry has only `add`, no removals
        expect(JSON.parse(JSON.stringify(plan))).toStrictEqual(plan);
      }),
    );
  });
});
