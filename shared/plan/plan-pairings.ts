import type { NormalizedConfig, NormalizedPairing } from '../config';
import { compareRules, computePairingRules, factKey, ruleKey, type CanonicalRule } from '../rules';
import type { AccountFailure, ActualState } from './actual-state';
import { admitByCapacity } from './admit-by-capacity';
import { chooseStrategies, type StrategyChoice } from './choose-strategies';
import { computeRevocations, type Revocation } from './compute-revocations';
import { dropRuleWarnings } from './drop-rule-warnings';
import { defaultPlanLimits, type PlanLimits } from './plan-limits';
import { planRecord } from './plan-record';
import type { Plan, PlanGroup, PlanPairing, PlanRefusal, PlanRevocation, PlanWarning } from './plan-schema';
import { selectPairings } from './select-pairings';
import { vpcConnectionWarnings } from './vpc-connection-warning';

export interface PlanOptions {
  /** restrict to these pairing names (unknown name: UsageError 'UnknownPairing'); all when absent */
  readonly pairings?: readonly string[];
  readonly limits?: Partial<PlanLimits>;
  /** refuse the plan past this many adds + revokes; the config's maxChangesPerRun when absent */
  readonly maxChangesPerRun?: number;
}

type Assessment =
  | { readonly ready: false; readonly entry: PlanPairing }
  | {
      readonly ready: true;
      readonly pairing: NormalizedPairing;
      readonly missing: readonly CanonicalRule[];
      readonly present: number;
      readonly warnings: readonly PlanWarning[];
      readonly strategy?: StrategyChoice;
      readonly desired: readonly CanonicalRule[];
      readonly receivingGroups: readonly string[];
    };

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
  const selected = selectPairings(config, options.pairings);
  const strategies = chooseStrategies(config, actual, limits, options.pairings);
  const isPresent = presentRules(actual);
  const assessments = selected.map((pairing) =>
    assessPairing(pairing, config.name, actual, isPresent, strategies.get(pairing.name)),
  );
  const ready = assessments.filter((a) => a.ready);

  const receivingGroups = new Set(ready.flatMap((a) => a.receivingGroups));
  const revocations = computeRevocations(config, actual, {
    computed: new Map(ready.map((a) => [a.pairing.name, a.desired])),
    receivingGroups,
    ...(actual.recordedGroups === undefined ? {} : { recordedGroups: new Set(actual.recordedGroups) }),
  });
  const freed = new Map<string, number>();
  for (const r of revocations.filter((x) => x.apply))
    freed.set(
      factKey(r.rule.accountId, r.rule.groupId),
      (freed.get(factKey(r.rule.accountId, r.rule.groupId)) ?? 0) + 1,
    );
  const overCapacity = admitByCapacity(
    ready.map((a) => ({ name: a.pairing.name, missing: a.missing })),
    actual,
    limits,
    freed,
  );

  const pairings = assessments.map((a): PlanPairing => {
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
    return {
      ...base,
      status: a.missing.length > 0 || toRevoke > 0 ? 'Changes' : 'InSync',
      rulesToAdd: a.missing.length,
    };
  });
  const admitted = ready.filter((a) => !overCapacity.has(a.pairing.name));
  const groups = collectGroups(admitted, revocations, actual, config.region);
  const count = (status: PlanPairing['status']) => pairings.filter((p) => p.status === status).length;
  const rulesToAdd = groups.reduce((n, g) => n + g.add.length, 0);
  const rulesToRevoke = groups.reduce((n, g) => n + (g.revoke?.length ?? 0), 0);
  const refused = refusal(rulesToAdd, rulesToRevoke, options.maxChangesPerRun ?? config.maxChangesPerRun);
  const record = planRecord(config, actual, { groups, receivingGroups });
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
      rulesToAdd,
      groupsToChange: groups.filter((g) => g.add.length > 0 || (g.revoke?.length ?? 0) > 0).length,
      rulesToRevoke,
      rulesWouldRevoke: groups.reduce((n, g) => n + (g.wouldRevoke?.length ?? 0), 0),
    },
    ...(refused === undefined ? {} : { refused }),
    ...(record === undefined ? {} : { record }),
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

function assessPairing(
  pairing: NormalizedPairing,
  deployment: string,
  actual: ActualState,
  isPresent: (rule: CanonicalRule) => boolean,
  strategy: StrategyChoice | undefined,
): Assessment {
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
  const desired = computePairingRules(pairing, deployment, actual, strategy?.chosen);
  const stated = strategy === undefined ? {} : { strategy: { ...strategy } };
  if (!desired.ok) {
    const { reason, message } = desired.block;
    return {
      ready: false,
      entry: {
        name: pairing.name,
        status: 'Blocked',
        reason,
        message,
        rulesToAdd: 0,
        rulesPresent: 0,
        warnings: [],
        ...stated,
      },
    };
  }
  const missing = desired.rules.filter((rule) => !isPresent(rule));
  const notes = desired.notes.map((n): PlanWarning => ({ ...n }));
  const warnings = [
    ...notes,
    ...dropRuleWarnings(desired.rules, actual.groups),
    ...vpcConnectionWarnings(pairing, actual),
  ];
  return {
    ready: true,
    pairing,
    missing,
    present: desired.rules.length - missing.length,
    warnings,
    ...(strategy === undefined ? {} : { strategy }),
    desired: desired.rules,
    receivingGroups: desired.receivingGroups,
  };
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

interface GroupEntry {
  readonly group: PlanGroup;
  readonly keys: Set<string>;
  readonly revoke: PlanRevocation[];
  readonly wouldRevoke: PlanRevocation[];
}

/**
 * One entry per group with something to add, revoke or report: each added rule once (credited to
 * the first pairing by name), revocations as found. Empty `revoke` / `wouldRevoke` lists are left out.
 */
function collectGroups(
  admitted: ReadonlyArray<Extract<Assessment, { ready: true }>>,
  revocations: readonly Revocation[],
  actual: ActualState,
  defaultRegion: string,
): PlanGroup[] {
  const groups = new Map<string, GroupEntry>();
  const entryOf = (accountId: string, groupId: string, region: string): GroupEntry => {
    const key = factKey(accountId, groupId);
    let entry = groups.get(key);
    if (entry === undefined) {
      entry = { group: { accountId, groupId, region, add: [] }, keys: new Set(), revoke: [], wouldRevoke: [] };
      groups.set(key, entry);
    }
    return entry;
  };
  for (const a of admitted) {
    for (const rule of a.missing) {
      const entry = entryOf(rule.accountId, rule.groupId, a.pairing.region);
      if (entry.keys.has(ruleKey(rule))) continue;
      entry.keys.add(ruleKey(rule));
      entry.group.add.push({ rule, pairing: a.pairing.name });
    }
  }
  for (const r of revocations) {
    const region = actual.groups[factKey(r.rule.accountId, r.rule.groupId)]?.regionId ?? defaultRegion;
    const entry = entryOf(r.rule.accountId, r.rule.groupId, region);
    (r.apply ? entry.revoke : entry.wouldRevoke).push({ rule: r.rule, pairing: r.pairing, reason: r.reason });
  }
  const byRule = <T extends { rule: CanonicalRule }>(xs: readonly T[]) =>
    [...xs].sort((x, y) => compareRules(x.rule, y.rule) || compareText(x.rule.ruleId ?? '', y.rule.ruleId ?? ''));
  return [...groups.values()]
    .map(({ group, revoke, wouldRevoke }): PlanGroup => ({
      ...group,
      add: byRule(group.add),
      ...(revoke.length === 0 ? {} : { revoke: byRule(revoke) }),
      ...(wouldRevoke.length === 0 ? {} : { wouldRevoke: byRule(wouldRevoke) }),
    }))
    .sort((a, b) => compareText(a.accountId, b.accountId) || compareText(a.groupId, b.groupId));
}

function sortWarnings(warnings: readonly PlanWarning[]): PlanWarning[] {
  return [...warnings].sort(
    (a, b) =>
      compareText(a.code, b.code) || compareText(a.groupId ?? '', b.groupId ?? '') || compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
