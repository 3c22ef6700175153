import type { NormalizedConfig, NormalizedPairing } from '../config';
import { compareRules, computePairingRules, factKey, ruleKey, type CanonicalRule } from '../rules';
import type { AccountFailure, ActualState } from './actual-state';
import { admitByCapacity } from './admit-by-capacity';
import { dropRuleWarnings } from './drop-rule-warnings';
import { defaultPlanLimits, type PlanLimits } from './plan-limits';
import type { Plan, PlanGroup, PlanPairing, PlanWarning } from './plan-schema';
import { selectPairings } from './select-pairings';

export interface PlanOptions {
  /** restrict to these pairing names (unknown name: UsageError 'UnknownPairing'); all when absent */
  readonly pairings?: readonly string[];
  readonly limits?: Partial<PlanLimits>;
}

type Assessment =
  | { readonly ready: false; readonly entry: PlanPairing }
  | { readonly ready: true; readonly pairing: NormalizedPairing; readonly missing: readonly CanonicalRule[]; readonly present: number; readonly warnings: readonly PlanWarning[] };

/**
 * The plan for a config against freshly read state. Pure: the same inputs give a deep-equal plan,
 * whatever the order of pairings in the config or of rules in a group. It only adds: a desired rule
 * already present (same key, any description) is satisfied, and rules not declared are left alone.
 */
export function planPairings(config: NormalizedConfig, actual: ActualState, options: PlanOptions = {}): Plan {
  const limits = { ...defaultPlanLimits, ...options.limits };
  const selected = selectPairings(config, options.pairings);
  const isPresent = presentRules(actual);
  const assessments = selected.map((pairing) => assessPairing(pairing, config.name, actual, isPresent));
  const ready = assessments.filter((a) => a.ready);
  const overCapacity = admitByCapacity(ready.map((a) => ({ name: a.pairing.name, missing: a.missing })), actual, limits);

  const pairings = assessments.map((a): PlanPairing => {
    if (!a.ready) return a.entry;
    const base = { name: a.pairing.name, rulesPresent: a.present, warnings: sortWarnings(a.warnings) };
    const capacity = overCapacity.get(a.pairing.name);
    if (capacity !== undefined) return { ...base, status: 'Blocked', reason: capacity.reason, message: capacity.message, rulesToAdd: 0 };
    return { ...base, status: a.missing.length > 0 ? 'Changes' : 'InSync', rulesToAdd: a.missing.length };
  });
  const admitted = ready.filter((a) => !overCapacity.has(a.pairing.name));
  const groups = collectGroups(admitted);
  const count = (status: PlanPairing['status']) => pairings.filter((p) => p.status === status).length;
  return {
    version: 1,
    deployment: config.name,
    region: config.region,
    selection: options.pairings === undefined ? null : [...new Set(options.pairings)].sort(),
    pairings,
    groups,
    counts: {
      pairings: pairings.length,
      inSync: count('InSync'),
      changes: count('Changes'),
      blocked: count('Blocked'),
      failed: count('Failed'),
      rulesToAdd: groups.reduce((n, g) => n + g.add.length, 0),
      groupsToChange: groups.length,
    },
  };
}

export function planHasChanges(plan: Plan): boolean {
  return plan.groups.some((g) => g.add.length > 0);
}

function assessPairing(pairing: NormalizedPairing, deployment: string, actual: ActualState, isPresent: (rule: CanonicalRule) => boolean): Assessment {
  const failure = accountFailureOf(pairing, actual.accountFailures);
  if (failure !== undefined) {
    const entry: PlanPairing = {
      name: pairing.name,
      status: 'Failed',
      reason: failure.code,
      message: `account ${failure.accountId}: ${failure.message}`,
      retryable: failure.retryable,
      rulesToAdd: 0,
      rulesPresent: 0,
      warnings: [],
    };
    return { ready: false, entry };
  }
  const desired = computePairingRules(pairing, deployment, actual);
  if (!desired.ok) {
    const { reason, message } = desired.block;
    return { ready: false, entry: { name: pairing.name, status: 'Blocked', reason, message, rulesToAdd: 0, rulesPresent: 0, warnings: [] } };
  }
  const missing = desired.rules.filter((rule) => !isPresent(rule));
  const notes = desired.notes.map((n): PlanWarning => ({ ...n }));
  const warnings = [...notes, ...dropRuleWarnings(desired.rules, actual.groups)];
  return { ready: true, pairing, missing, present: desired.rules.length - missing.length, warnings };
}

function accountFailureOf(pairing: NormalizedPairing, failures: readonly AccountFailure[]): AccountFailure | undefined {
  for (const side of pairing.sides) {
    const failure = failures.find((f) => f.accountId === side.accountId);
    if (failure !== undefined) return failure;
  }
  return undefined;
}

/** Whether a rule with the same key is in its group now (keys computed once per group and plan). */
function presentRules(actual: ActualState): (rule: CanonicalRule) => boolean {
  const keysByGroup = new Map<string, Set<string>>();
  return (rule) => {
    const groupKey = factKey(rule.accountId, rule.groupId);
    let keys = keysByGroup.get(groupKey);
    if (keys === undefined) {
      keys = new Set((actual.groups[groupKey]?.rules ?? []).map(ruleKey));
      keysByGroup.set(groupKey, keys);
    }
    return keys.has(ruleKey(rule));
  };
}

/** One entry per receiving group, each rule once (credited to the first pairing by name). */
function collectGroups(admitted: ReadonlyArray<Extract<Assessment, { ready: true }>>): PlanGroup[] {
  const groups = new Map<string, { group: PlanGroup; keys: Set<string> }>();
  for (const a of admitted) {
    for (const rule of a.missing) {
      const key = factKey(rule.accountId, rule.groupId);
      let entry = groups.get(key);
      if (entry === undefined) {
        entry = { group: { accountId: rule.accountId, groupId: rule.groupId, region: a.pairing.region, add: [] }, keys: new Set() };
        groups.set(key, entry);
      }
      if (entry.keys.has(ruleKey(rule))) continue;
      entry.keys.add(ruleKey(rule));
      entry.group.add.push({ rule, pairing: a.pairing.name });
    }
  }
  return [...groups.values()]
    .map(({ group }) => ({ ...group, add: [...group.add].sort((x, y) => compareRules(x.rule, y.rule)) }))
    .sort((a, b) => compareText(a.accountId, b.accountId) || compareText(a.groupId, b.groupId));
}

function sortWarnings(warnings: readonly PlanWarning[]): PlanWarning[] {
  return [...warnings].sort((a, b) => compareText(a.code, b.code) || compareText(a.groupId ?? '', b.groupId ?? '') || compareText(a.message, b.message));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
