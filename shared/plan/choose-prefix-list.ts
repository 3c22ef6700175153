import type { NormalizedPairing } from '../config';
import {
  factKey,
  findOwnedList,
  flowsOf,
  prefixListDescription,
  resolveReceivers,
  resolveSource,
  ruleDescription,
  sizeMaxEntries,
  type CanonicalRule,
} from '../rules';
import type { ActualGroup, ActualState } from './actual-state';
import type { PlanLimits } from './plan-limits';

/** Why a configured prefix-list pairing writes addresses instead (stated in the plan's strategy reason). */
export type PrefixListFallback = 'PrefixListNoRoom' | 'PrefixListTooManyMembers';

/**
 * Pure: whether a `strategy: prefix-list` pairing fits. A rule referencing a list takes the list's
 * MaxEntries of its group's rule room (Prefix lists overview), so every receiving group needs that
 * room: its rules now (each rule referencing a known owned list counted at that list's MaxEntries),
 * less this pairing's own address rules (revoked when it moves to the list), plus the list's
 * MaxEntries (the existing list's, else the size a new one gets: sizeMaxEntries). A side with more
 * members than a list holds, or a group without the room, falls back to addresses with the reason.
 * Undefined (keep prefix-list) when the sides cannot be resolved yet: the pairing's entry says why.
 */
export function prefixListFallback(
  pairing: NormalizedPairing,
  deployment: string,
  actual: ActualState,
  limits: PlanLimits,
): PrefixListFallback | undefined {
  for (const flow of flowsOf(pairing)) {
    const source = resolveSource(flow.source, 'addresses', pairing.region, actual);
    const receivers = resolveReceivers(flow.receiver, pairing.region, actual);
    if (!source.ok || !receivers.ok) return undefined;
    const description = prefixListDescription(deployment, pairing.region, flow.source);
    const owned = findOwnedList(actual.prefixLists, flow.source.accountId, description);
    const need = owned?.maxEntries ?? sizeMaxEntries(source.value.peers.length);
    if (need === undefined) return 'PrefixListTooManyMembers';
    for (const receiver of receivers.value.groups) {
      const group = actual.groups[factKey(receiver.accountId, receiver.groupId)];
      if (group === undefined) continue;
      if (owned !== undefined && group.rules.some((r) => isListRule(r, owned.prefixListId))) continue;
      const mine = ruleDescription(deployment, pairing.name);
      const freed = group.rules.filter((r) => r.description === mine && r.peer.kind !== 'prefix-list').length;
      if (roomUsed(group, actual) - freed + need > limits.rulesPerGroup) return 'PrefixListNoRoom';
    }
  }
  return undefined;
}

const isListRule = (r: CanonicalRule, id: string) => r.peer.kind === 'prefix-list' && r.peer.prefixListId === id;

/** The group's rule room in use: each rule one, a rule referencing a known owned list that list's MaxEntries. */
export function roomUsed(group: ActualGroup, actual: Pick<ActualState, 'prefixLists'>): number {
  let extra = 0;
  for (const r of group.rules) {
    if (r.peer.kind !== 'prefix-list') continue;
    const list = actual.prefixLists?.[factKey(group.accountId, r.peer.prefixListId)];
    if (list !== undefined) extra += list.maxEntries - 1;
  }
  return group.ruleCount + extra;
}

/**
 * The state with each group's rule count as the room it uses (roomUsed): a rule referencing a known
 * owned list counts its MaxEntries, so the capacity check of every pairing sees what the lists take.
 */
export function withListRoom(actual: ActualState): ActualState {
  if (actual.prefixLists === undefined || Object.keys(actual.prefixLists).length === 0) return actual;
  const groups: Record<string, ActualGroup> = {};
  for (const [key, group] of Object.entries(actual.groups))
    if (group !== undefined) groups[key] = { ...group, ruleCount: roomUsed(group, actual) };
  return { ...actual, groups };
}
