import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedPairing } from '../../shared/config';
import {
  chooseStrategies,
  defaultPlanLimits,
  planHasChanges,
  planPairings,
  PlanSchema,
  type ActualState,
  type Plan,
} from '../../shared/plan';
import {
  computeDesiredRules,
  factKey,
  peerKey,
  ruleDescription,
  ruleKey,
  type CanonicalRule,
} from '../../shared/rules';
import { actualStateArb, pairingsArb, permutationArb } from './arbitraries';
import { config } from './builders';

const groupPeers = (rules: readonly CanonicalRule[]) =>
  new Set(rules.filter((r) => r.peer.kind === 'group').map((r) => peerKey(r.peer)));

/** What an apply of the plan would leave behind: its revocations gone, its additions in, counters updated. */
function applied(actual: ActualState, plan: Plan): ActualState {
  const groups = { ...actual.groups };
  for (const entry of plan.groups) {
    const key = factKey(entry.accountId, entry.groupId);
    const group = groups[key];
    if (group === undefined) continue;
    const revoked = new Set((entry.revoke ?? []).map((r) => r.rule.ruleId));
    const rules = [...group.rules.filter((r) => !revoked.has(r.ruleId)), ...entry.add.map((a) => a.rule)];
    const [before, after] = [groupPeers(group.rules), groupPeers(rules)];
    const referencedGroupCount =
      group.referencedGroupCount +
      [...after].filter((p) => !before.has(p)).length -
      [...before].filter((p) => !after.has(p)).length;
    groups[key] = {
      ...group,
      rules,
      ruleCount: group.ruleCount + rules.length - group.rules.length,
      referencedGroupCount,
    };
  }
  return { ...actual, groups };
}

/** The state with every desired rule of every pairing (under the strategy the plan chooses) already in its group. */
function holdingDesired(pairings: NormalizedPairing[], actual: ActualState): ActualState {
  const cfg = config(pairings);
  const chosen = new Map([...chooseStrategies(cfg, actual, defaultPlanLimits)].map(([name, c]) => [name, c.chosen]));
  const desired = computeDesiredRules(cfg, actual, chosen).flatMap((p) => (p.ok ? p.rules : []));
  const groups = { ...actual.groups };
  for (const rule of desired) {
    const key = factKey(rule.accountId, rule.groupId);
    const group = groups[key];
    if (group === undefined) continue;
    const rules = [...group.rules, { ...rule, description: 'made by someone else' }];
    const gained = groupPeers(rules).size - groupPeers(group.rules).size; // as a fresh read would count them
    groups[key] = {
      ...group,
      rules,
      ruleCount: group.ruleCount + 1,
      referencedGroupCount: group.referencedGroupCount + gained,
    };
  }
  return { ...actual, groups };
}

function shuffledRules(actual: ActualState, order: (rules: readonly CanonicalRule[]) => CanonicalRule[]): ActualState {
  const groups = Object.fromEntries(
    Object.entries(actual.groups).map(([key, g]) => [key, g === undefined ? g : { ...g, rules: order(g.rules) }]),
  );
  return { ...actual, groups };
}

describe('planPairings properties', () => {
  it('adds nothing for a state that already holds the desired rules', () => {
    fc.assert(
      fc.property(pairingsArb, actualStateArb, (pairings, actual) => {
        const plan = planPairings(config(pairings), holdingDesired(pairings, actual));

        expect(plan.groups.flatMap((g) => g.add)).toEqual([]);
        expect(plan.pairings.filter((p) => p.status === 'Changes' && (p.rulesToRevoke ?? 0) === 0)).toEqual([]);
      }),
    );
  });

  it('converges: planning again after applying the plan adds and revokes nothing', () => {
    fc.assert(
      fc.property(pairingsArb, actualStateArb, (pairings, actual) => {
        const cfg = config(pairings);
        const first = planPairings(cfg, actual);

        const second = planPairings(cfg, applied(actual, first));

        expect(second.groups.flatMap((g) => [...g.add, ...(g.revoke ?? [])])).toEqual([]);
        expect(planHasChanges(second)).toBe(false);
        expect(second.pairings.map((p) => p.status).filter((s) => s === 'Changes')).toEqual([]);
      }),
    );
  });

  it('does not depend on the order of pairings in the config or of rules in a group', () => {
    const input = fc
      .tuple(pairingsArb, actualStateArb)
      .chain(([pairings, actual]) =>
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

  it("adds only accept rules with this deployment's marker; revokes only present rules carrying exactly that marker; survives JSON", () => {
    fc.assert(
      fc.property(pairingsArb, actualStateArb, (pairings, actual) => {
        const plan = planPairings(config(pairings, 'prod'), actual);

        const additions = plan.groups.flatMap((g) => g.add);
        expect(
          additions.filter(
            (a) => a.rule.description !== ruleDescription('prod', a.pairing) || a.rule.policy !== 'accept',
          ),
        ).toEqual([]);
        const revocations = plan.groups.flatMap((g) => [...(g.revoke ?? []), ...(g.wouldRevoke ?? [])]);
        const present = new Set(
          Object.values(actual.groups).flatMap((g) =>
            (g?.rules ?? []).map((r) => `${r.ruleId}|${ruleKey(r)}|${r.description}`),
          ),
        );
        expect(
          revocations.filter(
            (r) =>
              r.rule.description !== ruleDescription('prod', r.pairing) ||
              !present.has(`${r.rule.ruleId}|${ruleKey(r.rule)}|${r.rule.description}`),
          ),
        ).toEqual([]);
        expect(PlanSchema.parse(plan)).toEqual(plan);
        expect(JSON.parse(JSON.stringify(plan))).toStrictEqual(plan);
      }),
    );
  });

  it('never revokes a rule some computed pairing desires, and never one of a pairing left out of a scoped plan', () => {
    fc.assert(
      fc.property(pairingsArb, actualStateArb, fc.integer({ min: 0, max: 5 }), (pairings, actual, n) => {
        const cfg = config(pairings);
        const selection = pairings.slice(0, n).map((p) => p.name);
        const plan = planPairings(cfg, actual, { pairings: selection });

        const chosen = new Map(
          [...chooseStrategies(cfg, actual, defaultPlanLimits, selection)].map(([name, c]) => [name, c.chosen]),
        );
        const desired = new Set(
          computeDesiredRules(cfg, actual, chosen)
            .filter((p) => p.ok && selection.includes(p.pairing))
            .flatMap((p) => (p.ok ? p.rules.map(ruleKey) : [])),
        );
        const revoked = plan.groups.flatMap((g) => g.revoke ?? []);
        expect(revoked.filter((r) => desired.has(ruleKey(r.rule)))).toEqual([]);
        const leftOut = new Set(pairings.map((p) => p.name).filter((name) => !selection.includes(name)));
        expect(revoked.filter((r) => leftOut.has(r.pairing))).toEqual([]);
      }),
    );
  });
});
