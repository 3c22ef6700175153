import { pairingAccountIds, type NormalizedConfig } from '../config';
import { factKey, recordTagKey, recordTagValue, ruleKey, type CanonicalRule } from '../rules';
import type { ActualState } from './actual-state';
import { groupsHeldByOthers, heldGroupWarning, ownerOf, planRemarks } from './deployment-claims';
import type { PlanGroup, PlanGroupRef, PlanRecord, PlanWarning } from './plan-schema';

export interface RecordInputs {
  /** the plan's groups (additions and revocations as admitted) */
  readonly groups: readonly PlanGroup[];
  /** `<account>/<group>` of the groups the computed pairings receive in */
  readonly receivingGroups: ReadonlySet<string>;
  /** `<account>/<group>` of groups only audit pairings receive in: never untagged (nor tagged: they are not in receivingGroups) */
  readonly watched?: ReadonlySet<string>;
}

/**
 * Pure: the record's bookkeeping for a plan. A group is tagged when it will hold an owned rule
 * (one kept or one added) and is not known to carry the tag: on a run that listed the record, any
 * group a computed pairing receives in (so groups written before the record existed get it at the
 * next sweep); on any other run, only the groups it adds to (a scoped run does not know the rest,
 * and must not write where it adds nothing). A listed group the plan leaves with no owned rule is
 * untagged: sg-pairing has nothing left there, and forgets it. Undefined when neither applies.
 */
export function planRecord(
  config: NormalizedConfig,
  actual: ActualState,
  inputs: RecordInputs,
): PlanRecord | undefined {
  const listed = actual.recordedGroups !== undefined;
  const recorded = new Set(actual.recordedGroups ?? []);
  const known = listed ? recorded : new Set(actual.taggedGroups ?? []);
  const planned = new Map(inputs.groups.map((g) => [factKey(g.accountId, g.groupId), g]));
  const keptOwned = (groupKey: string): CanonicalRule[] => {
    const revoked = new Set((planned.get(groupKey)?.revoke ?? []).map((r) => ruleIdentity(r.rule)));
    const read = actual.groups[groupKey];
    return [...(read?.rules ?? []), ...(read?.egressRules ?? [])].filter(
      (r) => ownerOf(r, config) !== undefined && !revoked.has(ruleIdentity(r)),
    );
  };
  const ownedLeft = (groupKey: string): number => keptOwned(groupKey).length + (planned.get(groupKey)?.add.length ?? 0);
  const adding = inputs.groups.filter((g) => g.add.length > 0).map((g) => factKey(g.accountId, g.groupId));
  const candidates = new Set([...adding, ...(listed ? [...inputs.receivingGroups, ...recorded] : [])]);
  const heldGroups = groupsHeldByOthers(config, actual, [...candidates, ...inputs.receivingGroups]);
  const held = new Set(heldGroups.map((h) => h.groupKey));
  // a listed group whose value is not this deployment's (the legacy `owned`) is claimed: tagged with ours
  const value = recordTagValue(config.deploymentId);
  const ours = (k: string) => known.has(k) && (actual.recordValues?.[k] ?? value) === value;
  const tag = [...candidates].filter(
    (k) => !ours(k) && !held.has(k) && actual.groups[k] !== undefined && ownedLeft(k) > 0,
  );
  const watched = inputs.watched ?? new Set<string>();
  const untag = [...recorded].filter(
    (k) => actual.groups[k] !== undefined && !watched.has(k) && !held.has(k) && ownedLeft(k) === 0,
  );
  const remark = planRemarks(config, [...new Set([...candidates, ...inputs.receivingGroups])], {
    skip: (k) => held.has(k) || watched.has(k),
    keptOwned,
  });
  if (!listed && tag.length === 0 && held.size === 0 && remark.length === 0) return undefined;
  const warnings = recordWarnings(config, actual, listed);
  warnings.push(...heldGroups.map((h) => heldGroupWarning(config, h)));
  return {
    key: recordTagKey(config.name),
    ...(config.deploymentId === undefined ? {} : { value }),
    listed,
    tag: refs(tag, actual),
    untag: refs(untag, actual),
    ...(remark.length === 0 ? {} : { remark }),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}

/** The record's warnings: recorded groups that could not be read; declared accounts no pairing uses that could not be listed. */
function recordWarnings(config: NormalizedConfig, actual: ActualState, listed: boolean): PlanWarning[] {
  const used = new Set(pairingAccountIds(config));
  const unlisted = listed
    ? actual.accountFailures
        .filter((f) => !used.has(f.accountId))
        .map((f): PlanWarning => ({
          code: 'RecordAccountUnread',
          message: `account ${f.accountId} is declared but no pairing uses it, and its record could not be listed (${f.code}: ${f.message}): sg-pairing rules left there stay; fix the role, or revoke them by hand (the tag ${recordTagKey(config.name)} shows where)`,
          accountId: f.accountId,
        }))
    : [];
  const warnings = (actual.unreadRecordedGroups ?? []).map((u): PlanWarning => ({
    code: 'RecordedGroupUnread',
    message: `group ${u.groupId} carries the tag ${recordTagKey(config.name)} but could not be read (${u.code}: ${u.message}): its rules are left as they are; grant the read (and write) there, or remove the tag to forget the group`,
    accountId: u.accountId,
    groupId: u.groupId,
  }));
  warnings.push(...unlisted);
  return warnings;
}

/** A rule read from the cloud is known by its id; the key stands in for one without. */
function ruleIdentity(rule: CanonicalRule): string {
  return `${rule.ruleId ?? ''}|${ruleKey(rule)}`;
}

function refs(keys: readonly string[], actual: ActualState): PlanGroupRef[] {
  return keys
    .map((k) => actual.groups[k])
    .filter((g) => g !== undefined)
    .map((g) => ({ accountId: g.accountId, groupId: g.groupId }))
    .sort((a, b) => compareText(a.accountId, b.accountId) || compareText(a.groupId, b.groupId));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether pruning is on anywhere in the config (the deployment's default or a pairing's): only then does a sweep list the record. */
export function pruneEnabled(config: NormalizedConfig): boolean {
  return config.prune === 'owned' || config.pairings.some((p) => p.prune === 'owned');
}
