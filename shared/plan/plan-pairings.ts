import type { NormalizedConfig } from '../config';
import { factKey } from '../rules';
import type { ActualState } from './actual-state';
import { admitByCapacity } from './admit-by-capacity';
import { assessPairing, presentRules, type Assessment, type ReadyAssessment } from './assess-pairing';
import { chooseStrategies } from './choose-strategies';
import { collectGroups } from './collect-groups';
import { compareText } from './compare-text';
import { computeRevocations, type Revocation } from './compute-revocations';
import { defaultPlanLimits, type PlanLimits } from './plan-limits';
import { planRecord } from './plan-record';
import type { Plan, PlanGroup, PlanPairing, PlanRefusal, PlanWarning } from './plan-schema';
import { selectPairings } from './select-pairings';

export interface PlanOptions {
  /** restrict to these pairing names (unknown name: UsageError 'UnknownPairing'); all when absent */
  readonly pairings?: readonly string[];
  readonly limits?: Partial<PlanLimits>;
  /** refuse the plan past this many adds + revokes; the config's maxChangesPerRun when absent */
  readonly maxChangesPerRun?: number;
}

/**
 * The plan for a config against freshly read state. Pure: the same inputs give a deep-equal plan,
 * whatever the order of pairings in the config or of rules in a group. Each pairing's strategy is
 * chosen (see chooseStrategies), its desired rules computed, and the missing ones added: a desired
 * rule already present (same key, any description) is satisfied. Rules carrying this deployment's
 * exact marker that are no longer desired are revoked (`prune: owned`) or only reported (`off`,
 * as `wouldRevoke`), in the groups the pairings receive in and in those the record tag names
 * (`actual.recordedGroups`); any other rule is never touched. `record` says which groups to tag
 * and untag (see planRecord). A plan with more adds + revokes than
 * `maxChangesPerRun` is `refused`: apply writes nothing.
 */
export function planPairings(config: NormalizedConfig, actual: ActualState, options: PlanOptions = {}): Plan {
  const limits = { ...defaultPlanLimits, ...options.limits };
  const assessments = assessPairings(config, actual, limits, options);
  const ready = assessments.filter((a): a is ReadyAssessment => a.ready);
  const receivingGroups = new Set(ready.flatMap((a) => a.receivingGroups));
  const revocations = computeRevocations(config, actual, {
    computed: new Map(ready.map((a) => [a.pairing.name, a.desired])),
    receivingGroups,
    ...(actual.recordedGroups === undefined ? {} : { recordedGroups: new Set(actual.recordedGroups) }),
  });
  const missing = ready.map((a) => ({ name: a.pairing.name, missing: a.missing }));
  const overCapacity = admitByCapacity(missing, actual, limits, freedByGroup(revocations));
  const pairings = assessments.map((a) => pairingEntry(a, revocations, overCapacity));
  const admitted = ready.filter((a) => !overCapacity.has(a.pairing.name));
  const groups = collectGroups(admitted, revocations, actual, config.region);
  const counts = countPlan(pairings, groups);
  const refused = refusal(counts.rulesToAdd, counts.rulesToRevoke, options.maxChangesPerRun ?? config.maxChangesPerRun);
  const record = planRecord(config, actual, { groups, receivingGroups });
  return {
    version: 1,
    deployment: config.name,
    region: config.region,
    selection: options.pairings === undefined ? null : [...new Set(options.pairings)].sort(),
    pairings,
    groups,
    counts,
    ...(refused === undefined ? {} : { refused }),
    ...(record === undefined ? {} : { record }),
  };
}

/** Each selected pairing with its chosen strategy, against the rules present now. */
function assessPairings(
  config: NormalizedConfig,
  actual: ActualState,
  limits: PlanLimits,
  options: PlanOptions,
): Assessment[] {
  const strategies = chooseStrategies(config, actual, limits, options.pairings);
  const isPresent = presentRules(actual);
  return selectPairings(config, options.pairings).map((pairing) =>
    assessPairing(pairing, config.name, actual, isPresent, strategies.get(pairing.name)),
  );
}

/** Room the applied revocations free, per group (a revoked rule no longer counts against the quota). */
function freedByGroup(revocations: readonly Revocation[]): Map<string, number> {
  const freed = new Map<string, number>();
  for (const r of revocations.filter((x) => x.apply)) {
    const key = factKey(r.rule.accountId, r.rule.groupId);
    freed.set(key, (freed.get(key) ?? 0) + 1);
  }
  return freed;
}

/** A pairing's line in the plan: InSync, Changes, or Blocked when its groups are out of room. */
function pairingEntry(
  a: Assessment,
  revocations: readonly Revocation[],
  overCapacity: ReturnType<typeof admitByCapacity>,
): PlanPairing {
  if (!a.ready) return a.entry;
  const toRevoke = revocations.filter((r) => r.apply && r.pairing === a.pairing.name).length;
  const wouldRevoke = revocations.filter((r) => !r.apply && r.pairing === a.pairing.name).length;
  const base = {
    name: a.pairing.name,
    rulesPresent: a.present,
    warnings: sortWarnings(a.warnings),
    ...(a.strategy === undefined ? {} : { strategy: { ...a.strategy } }),
    ...(toRevoke === 0 ? {} : { rulesToRevoke: toRevoke }),
    ...(wouldRevoke === 0 ? {} : { rulesWouldRevoke: wouldRevoke }),
  };
  const capacity = overCapacity.get(a.pairing.name);
  if (capacity !== undefined)
    return { ...base, status: 'Blocked', reason: capacity.reason, message: capacity.message, rulesToAdd: 0 };
  return { ...base, status: a.missing.length > 0 || toRevoke > 0 ? 'Changes' : 'InSync', rulesToAdd: a.missing.length };
}

function countPlan(pairings: readonly PlanPairing[], groups: readonly PlanGroup[]): Required<Plan['counts']> {
  const count = (status: PlanPairing['status']) => pairings.filter((p) => p.status === status).length;
  return {
    pairings: pairings.length,
    inSync: count('InSync'),
    changes: count('Changes'),
    blocked: count('Blocked'),
    failed: count('Failed'),
    rulesToAdd: groups.reduce((n, g) => n + g.add.length, 0),
    groupsToChange: groups.filter((g) => g.add.length > 0 || (g.revoke?.length ?? 0) > 0).length,
    rulesToRevoke: groups.reduce((n, g) => n + (g.revoke?.length ?? 0), 0),
    rulesWouldRevoke: groups.reduce((n, g) => n + (g.wouldRevoke?.length ?? 0), 0),
  };
}

/** Whether applying the plan would write anything. */
export function planHasChanges(plan: Plan): boolean {
  return plan.groups.some((g) => g.add.length > 0 || (g.revoke?.length ?? 0) > 0);
}

function refusal(add: number, revoke: number, limit: number): PlanRefusal | undefined {
  const changes = add + revoke;
  if (changes <= limit) return undefined;
  return {
    reason: 'MaxChangesExceeded',
    message: `this run would add ${add} and revoke ${revoke} rule(s), ${changes} changes, over maxChangesPerRun ${limit}: nothing is written. Check the plan, then raise maxChangesPerRun or apply fewer pairings at a time (--pairing)`,
    changes,
    limit,
  };
}

function sortWarnings(warnings: readonly PlanWarning[]): PlanWarning[] {
  return [...warnings].sort(
    (a, b) =>
      compareText(a.code, b.code) || compareText(a.groupId ?? '', b.groupId ?? '') || compareText(a.message, b.message),
  );
}
