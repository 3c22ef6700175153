import type { NormalizedConfig } from '../config';
import {
  findOwnedList,
  parsePrefixListDescription,
  sizeMaxEntries,
  type DesiredPrefixList,
  type OwnedPrefixList,
  type PairingBlock,
} from '../rules';
import type { ActualState } from './actual-state';
import type { ReadyAssessment } from './assess-pairing';
import { compareText } from './compare-text';
import type { PlanPrefixList } from './plan-schema';

/**
 * Pure: the pairings whose owned list cannot hold their members now. MaxEntries is fixed at creation
 * (ModifyPrefixList has no MaxEntries), so such a pairing is Blocked with the way out: one run under
 * `strategy: addresses` revokes the list's rules and deletes the list, and the next under prefix-list
 * creates a list sized for today's members.
 */
export function prefixListBlocks(ready: readonly ReadyAssessment[], actual: ActualState): Map<string, PairingBlock> {
  const blocks = new Map<string, PairingBlock>();
  for (const a of ready) {
    for (const d of a.prefixLists ?? []) {
      const owned = findOwnedList(actual.prefixLists, d.accountId, d.description);
      if (owned === undefined || d.entries.length <= owned.maxEntries) continue;
      blocks.set(a.pairing.name, {
        reason: 'PrefixListFull',
        message: `prefix list ${owned.prefixListId} holds at most ${owned.maxEntries} entries (fixed at its creation) and the side has ${d.entries.length} members: apply once with "strategy: addresses" (its rules are revoked and the list deleted), then again with "strategy: prefix-list" to create a list sized for today's members`,
        accountId: d.accountId,
      });
    }
  }
  return blocks;
}

export interface PrefixListInputs {
  /** pairings admitted for writing (enforce mode, not held) */
  readonly admitted: readonly ReadyAssessment[];
  /** every pairing computed this run (a blocked or audit one keeps its list) */
  readonly ready: readonly ReadyAssessment[];
  /** the pairings asked for; undefined for a full run (only a full run deletes the lists of removed pairings) */
  readonly selection: readonly string[] | undefined;
}

/**
 * Pure: the owned lists to create, change and delete. An admitted pairing's list is created with its
 * members (MaxEntries sized by sizeMaxEntries) or brought to exactly its members (entries added and
 * removed). An owned list (its description this deployment's marker) no computed pairing wants is
 * deleted when pruning applies to it: its pairing is removed (full runs only) or computed and no
 * longer wanting it, under `prune: owned`. Its referencing rules are owned and revoked by the same
 * plan; apply deletes the list after them.
 */
export function planPrefixLists(
  config: NormalizedConfig,
  actual: ActualState,
  inputs: PrefixListInputs,
): PlanPrefixList[] {
  const out: PlanPrefixList[] = [];
  for (const a of inputs.admitted)
    for (const d of a.prefixLists ?? []) {
      const change = listChange(a.pairing.name, d, findOwnedList(actual.prefixLists, d.accountId, d.description));
      if (change !== undefined) out.push(change);
    }
  const wanted = new Set(
    inputs.ready.flatMap((a) => (a.prefixLists ?? []).map((d) => `${d.accountId}/${d.description}`)),
  );
  const computed = new Set(inputs.ready.map((a) => a.pairing.name));
  for (const owned of Object.values(actual.prefixLists ?? {})) {
    if (owned === undefined || wanted.has(`${owned.accountId}/${owned.description}`)) continue;
    const marker = parsePrefixListDescription(owned.description);
    if (marker === undefined || marker.deployment !== config.name) continue; // not ours: never touched
    const pairing = config.pairings.find((p) => p.name === marker.pairing);
    const prune = pairing === undefined ? config.prune : (pairing.prune ?? config.prune);
    const applies = pairing === undefined ? inputs.selection === undefined : computed.has(pairing.name);
    if (prune !== 'owned' || !applies || pairing?.mode === 'audit') continue;
    out.push({
      accountId: owned.accountId,
      description: owned.description,
      pairing: marker.pairing,
      prefixListId: owned.prefixListId,
      addressFamily: owned.addressFamily === 'IPv6' ? 'IPv6' : 'IPv4',
      maxEntries: owned.maxEntries,
      add: [],
      remove: [],
      delete: true,
    });
  }
  return out.sort((x, y) => compareText(x.accountId, y.accountId) || compareText(x.description, y.description));
}

function listChange(
  pairing: string,
  d: DesiredPrefixList,
  owned: OwnedPrefixList | undefined,
): PlanPrefixList | undefined {
  const base = { accountId: d.accountId, description: d.description, pairing, addressFamily: d.family };
  if (owned === undefined)
    return { ...base, maxEntries: sizeMaxEntries(d.entries.length) ?? 0, add: [...d.entries], remove: [] };
  const current = new Set(owned.entries ?? []);
  const desired = new Set(d.entries);
  const add = d.entries.filter((c) => !current.has(c));
  const remove = [...current].filter((c) => !desired.has(c)).sort();
  if (add.length === 0 && remove.length === 0) return undefined;
  return { ...base, prefixListId: owned.prefixListId, maxEntries: owned.maxEntries, add, remove };
}
