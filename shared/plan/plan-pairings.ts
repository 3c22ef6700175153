import type { NormalizedConfig } from '../config';
import { factKey, namedReceivingGroups, type CanonicalRule, type PairingBlock } from '../rules';
import type { ActualState } from './actual-state';
import { admitByCapacity } from './admit-by-capacity';
import { assessSenderLists } from './assess-sender-lists';
import { assessPairing, presentRules, type Assessment, type ReadyAssessment } from './assess-pairing';
import { applyRunCeiling, changeLimitsOf, refuseByPairingLimits } from './change-limits';
import { withListRoom } from './choose-prefix-list';
import { chooseStrategies } from './choose-strategies';
import { collectGroups } from './collect-groups';
import { compareText } from './compare-text';
import { computeRevocations, type Revocation } from './compute-revocations';
import { gonePairings } from './gone-sides';
import { defaultPlanLimits, type PlanLimits } from './plan-limits';
import { planReceiving } from './plan-receiving';
import { planPrefixLists, prefixListBlocks } from './plan-prefix-lists';
import { planRecord } from './plan-record';
import type { Plan, PlanGroup, PlanPairing, PlanWarning } from './plan-schema';
import { selectPairings } from './select-pairings';
import { markAudit, splitAudit } from './split-audit';

export interface PlanOptions {
  /** restrict to these pairing names (unknown name: UsageError 'UnknownPairing'); all when absent */
  readonly pairings?: readonly string[];
  readonly limits?: Partial<PlanLimits>;
  /** per pairing: refuse a pairing's additions past this many; the config's maxChangesPerRun when absent */
  readonly maxChangesPerRun?: number;
  /** run-wide ceiling on adds + revokes; the config's maxChangesPerRunTotal when absent */
  readonly maxChangesPerRunTotal?: number;
  /**
   * selected prefix-list pairings planned from their sending side alone (an event run that concerns
   * only it, see assessSenderLists): their owned lists only; their receiving groups not read, marked `groupsNotRead`
   */
  readonly listOnly?: readonly string[];
}

/**
 * The plan for a config against freshly read state. Pure: the same inputs give a deep-equal plan,
 * whatever the order of pairings in the config or of rules in a group. Each pairing's strategy is
 * chosen (see chooseStrategies), its desired rules computed, and the missing ones added: a desired
 * rule already present (same key, any description) is satisfied. Rules carrying this deployment's
 * exact marker that are no longer desired are revoked (`prune: owned`) or only reported (`off`,
 * as `wouldRevoke`), in the groups the pairings receive in and in those the record tag names
 * (`actual.recordedGroups`); any other rule is never touched. `record` says which groups to tag
 * and untag (see planRecord). Limits hold back additions, never revocations: a pairing over
 * `maxChangesPerRun` additions or with a side over its `maxMembers` is Blocked alone (see
 * change-limits.ts); past `maxChangesPerRunTotal` adds + revokes every addition is refused, and a
 * plan whose revocations alone exceed it is `refused`: apply writes nothing. Audit pairings are
 * planned exactly like enforce ones (limits included), then their changes move from `groups` to
 * `audit` and their status from Changes to Drift (see splitAudit): apply never sees them, and the
 * record neither tags nor untags a group only they receive in.
 */
export function planPairings(config: NormalizedConfig, actual: ActualState, options: PlanOptions = {}): Plan {
  const limits = { ...defaultPlanLimits, ...options.limits };
  const assessments = assessPairings(config, actual, limits, options);
  const listOnly = new Set(options.listOnly ?? []);
  const isReady = (a: Assessment): a is ReadyAssessment => a.ready;
  const senders = assessments.filter(isReady).filter((a) => listOnly.has(a.pairing.name));
  const ready = assessments.filter(isReady).filter((a) => !listOnly.has(a.pairing.name));
  const revocations = revocationsOf(config, actual, assessments, ready);
  const changeLimits = changeLimitsOf(config, options.maxChangesPerRun, options.maxChangesPerRunTotal);
  const held = refuseByPairingLimits(ready, actual, changeLimits);
  const listBlocked = prefixListBlocks([...ready, ...senders], actual);
  listBlocked.forEach((b, name) => held.has(name) || held.set(name, b));
  // A pairing a change limit holds back keeps its room: the pairings after it take none of it, so a
  // limited run adds a subset of what an unlimited one would, and lifting the limit reshuffles nothing.
  const missing = ready
    .filter((a) => !listBlocked.has(a.pairing.name))
    .map((a) => ({ name: a.pairing.name, missing: a.missing }));
  admitByCapacity(missing, withListRoom(actual), limits, freedByGroup(revocations)).forEach(
    (b, name) => held.has(name) || held.set(name, b),
  );
  let groups = collectGroups(admittedOf(ready, held), revocations, actual, config.region);
  const ceiling = applyRunCeiling(countAdds(groups), countRevokes(groups), changeLimits.total);
  if (ceiling.kind === 'additionsRefused') {
    for (const a of admittedOf(ready, held)) if (a.missing.length > 0) held.set(a.pairing.name, ceiling.block);
    groups = collectGroups([], revocations, actual, config.region);
  }
  const prefixLists = planPrefixLists(config, actual, {
    admitted: admittedOf([...ready, ...senders], held).filter((a) => a.pairing.mode !== 'audit'),
    ready: [...ready, ...senders],
    selection: options.pairings,
  });
  const listed = new Set(prefixLists.flatMap((l) => l.pairings));
  const pairings = assessments.map((a) =>
    markAudit(markNotRead(pairingEntry(a, revocations, held, listed), config, listOnly), config),
  );
  const split = splitAudit(
    config,
    groups,
    admittedOf(ready, held).filter((a) => a.pairing.mode !== 'audit'),
  );
  const counts = countPlan(pairings, split.writes);
  const refused = ceiling.kind === 'planRefused' ? ceiling.refusal : undefined;
  const record = planRecord(config, actual, { groups: split.writes, ...receivingByMode(ready) });
  return {
    version: 1,
    deployment: config.name,
    ...(config.deploymentId === undefined ? {} : { deploymentId: config.deploymentId }),
    region: config.region,
    selection: options.pairings === undefined ? null : [...new Set(options.pairings)].sort(),
    pairings,
    groups: split.writes,
    ...(split.audit.length === 0 ? {} : { audit: split.audit }),
    counts,
    ...(refused === undefined ? {} : { refused }),
    ...(record === undefined ? {} : { record }),
    receiving: planReceiving(ready, actual, limits),
    ...(prefixLists.length === 0 ? {} : { prefixLists }),
  };
}

/** The owned rules to revoke: of the computed pairings, and every rule of a pairing whose side is gone. */
function revocationsOf(
  config: NormalizedConfig,
  actual: ActualState,
  assessments: readonly Assessment[],
  ready: readonly ReadyAssessment[],
): Revocation[] {
  const gone = gonePairings(config, assessments, actual);
  return computeRevocations(config, actual, {
    computed: new Map([
      ...ready.map((a) => [a.pairing.name, a.desired] as const),
      ...gone.map((g) => [g.name, []] as const),
    ]),
    receivingGroups: new Set([...ready.flatMap((a) => a.receivingGroups), ...gone.flatMap((g) => g.receivingGroups)]),
    ...(actual.recordedGroups === undefined ? {} : { recordedGroups: new Set(actual.recordedGroups) }),
    gone: new Set(gone.map((g) => g.name)),
  });
}

/** The groups enforce pairings receive in (the record may tag them), and those only audit ones do (never tagged nor untagged). */
function receivingByMode(ready: readonly ReadyAssessment[]): { receivingGroups: Set<string>; watched: Set<string> } {
  const of = (audit: boolean) =>
    new Set(ready.filter((a) => (a.pairing.mode === 'audit') === audit).flatMap((a) => a.receivingGroups));
  return { receivingGroups: of(false), watched: of(true) };
}

/** Each selected pairing with its chosen strategy, against the rules present now. */
function assessPairings(
  config: NormalizedConfig,
  actual: ActualState,
  limits: PlanLimits,
  options: PlanOptions,
): Assessment[] {
  const listOnly = new Set(options.listOnly ?? []);
  const strategies = chooseStrategies(config, actual, limits, options.pairings);
  const isPresent = presentRules(actual);
  return selectPairings(config, options.pairings).map((pairing) =>
    listOnly.has(pairing.name)
      ? assessSenderLists(pairing, config, actual)
      : assessPairing(pairing, config, actual, isPresent, strategies.get(pairing.name)),
  );
}

/** Room the applied revocations free, per group (a revoked rule no longer counts against the quota). */
function freedByGroup(revocations: readonly Revocation[]): Map<string, CanonicalRule[]> {
  const freed = new Map<string, CanonicalRule[]>();
  for (const r of revocations.filter((x) => x.apply)) {
    const key = factKey(r.rule.accountId, r.rule.groupId);
    const list = freed.get(key);
    if (list) list.push(r.rule);
    else freed.set(key, [r.rule]);
  }
  return freed;
}

/** A pairing's line in the plan: InSync, Changes, or Blocked when its groups are out of room or a limit holds it. */
function pairingEntry(
  a: Assessment,
  revocations: readonly Revocation[],
  held: ReadonlyMap<string, PairingBlock>,
  listChanges: ReadonlySet<string> = new Set(),
): PlanPairing {
  const name = a.ready ? a.pairing.name : a.entry.name;
  const toRevoke = revocations.filter((r) => r.apply && r.pairing === name).length;
  const wouldRevoke = revocations.filter((r) => !r.apply && r.pairing === name).length;
  const revoking = {
    ...(toRevoke === 0 ? {} : { rulesToRevoke: toRevoke }),
    ...(wouldRevoke === 0 ? {} : { rulesWouldRevoke: wouldRevoke }),
  };
  if (!a.ready) return { ...a.entry, ...revoking };
  const base = {
    name: a.pairing.name,
    rulesPresent: a.present,
    warnings: sortWarnings(a.warnings),
    ...(a.strategy === undefined ? {} : { strategy: { ...a.strategy } }),
    ...revoking,
  };
  const capacity = held.get(a.pairing.name);
  if (capacity !== undefined)
    return { ...base, status: 'Blocked', reason: capacity.reason, message: capacity.message, rulesToAdd: 0 };
  const changes = a.missing.length > 0 || toRevoke > 0 || listChanges.has(a.pairing.name);
  return { ...base, status: changes ? 'Changes' : 'InSync', rulesToAdd: a.missing.length };
}

/** A pairing planned from its sending side alone: the receiving groups it did not read. */
function markNotRead(entry: PlanPairing, config: NormalizedConfig, listOnly: ReadonlySet<string>): PlanPairing {
  const pairing = listOnly.has(entry.name) ? config.pairings.find((p) => p.name === entry.name) : undefined;
  return pairing === undefined ? entry : { ...entry, groupsNotRead: namedReceivingGroups(pairing) };
}

function countPlan(pairings: readonly PlanPairing[], groups: readonly PlanGroup[]): Plan['counts'] {
  const count = (status: PlanPairing['status']) => pairings.filter((p) => p.status === status).length;
  return {
    pairings: pairings.length,
    inSync: count('InSync'),
    changes: count('Changes'),
    blocked: count('Blocked'),
    failed: count('Failed'),
    ...(count('Drift') === 0 ? {} : { drift: count('Drift') }),
    rulesToAdd: groups.reduce((n, g) => n + g.add.length, 0),
    groupsToChange: groups.filter((g) => g.add.length > 0 || (g.revoke?.length ?? 0) > 0).length,
    rulesToRevoke: groups.reduce((n, g) => n + (g.revoke?.length ?? 0), 0),
    rulesWouldRevoke: groups.reduce((n, g) => n + (g.wouldRevoke?.length ?? 0), 0),
  };
}

/** Whether applying the plan would write anything (rules, or an owned prefix list). */
export function planHasChanges(plan: Plan): boolean {
  return (
    plan.groups.some((g) => g.add.length > 0 || (g.revoke?.length ?? 0) > 0) || (plan.prefixLists ?? []).length > 0
  );
}

function admittedOf(ready: readonly ReadyAssessment[], held: ReadonlyMap<string, PairingBlock>): ReadyAssessment[] {
  return ready.filter((a) => !held.has(a.pairing.name));
}

const countAdds = (groups: readonly PlanGroup[]) => groups.reduce((n, g) => n + g.add.length, 0);
const countRevokes = (groups: readonly PlanGroup[]) => groups.reduce((n, g) => n + (g.revoke?.length ?? 0), 0);

function sortWarnings(warnings: readonly PlanWarning[]): PlanWarning[] {
  return [...warnings].sort(
    (a, b) =>
      compareText(a.code, b.code) || compareText(a.groupId ?? '', b.groupId ?? '') || compareText(a.message, b.message),
  );
}
