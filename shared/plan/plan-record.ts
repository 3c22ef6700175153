import { pairingAccountIds, type NormalizedConfig } from '../config';
import { factKey, recordTagKey, ruleKey, type CanonicalRule } from '../rules';
import type { ActualState } from './actual-state';
import { ownerOf } from './compute-revocations';
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
  const ownedLeft = (groupKey: string): number => {
    const group = planned.get(groupKey);
    const revoked = new Set((group?.revoke ?? []).map((r) => ruleIdentity(r.rule)));
    const read = actual.groups[groupKey];
    const kept = [...(read?.rules ?? []), ...(read?.egressRules ?? [])].filter(
      (r) => ownerOf(r, config.name) !== undefined && !revoked.has(ruleIdentity(r)),
    );
    return kept.length + (group?.add.length ?? 0);
  };
  const adding = inputs.groups.filter((g) => g.add.length > 0).map((g) => factKey(g.accountId, g.groupId));
  const candidates = new Set([...adding, ...(listed ? inputs.receivingGroups : [])]);
  const tag = [...candidates].filter((k) => !known.has(k) && actual.groups[k] !== undefined && ownedLeft(k) > 0);
  const watched = inputs.watched ?? new Set<string>();
  const untag = [...recorded].filter((k) => actual.groups[k] !== undefined && !watched.has(k) && ownedLeft(k) === 0);
  if (!listed && tag.length === 0) return undefined;
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
  return {
    key: recordTagKey(config.name),
    listed,
    tag: refs(tag, actual),
    untag: refs(untag, actual),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
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
