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
  /** the pairings asked for; undefined for a full run (only a full run deletes lists) */
  readonly selection: readonly string[] | undefined;
}

/**
 * Pure: the owned lists to create, change and delete. A list wanted by admitted pairings (one list
 * per sending side, shared by every pairing sending from it) is created with its members (MaxEntries
 * by sizeMaxEntries) or brought to exactly its members. An owned list (its description this
 * deployment's marker) that no computed pairing wants is deleted by a full run under `prune: owned`,
 * unless a declared prefix-list pairing left out of the plan (blocked, failed, audit, `prune: off`)
 * sends from its account: that pairing's own run decides. Its referencing rules are owned and revoked
 * by the same plan; apply deletes the list after them.
 */
export function planPrefixLists(
  config: NormalizedConfig,
  actual: ActualState,
  inputs: PrefixListInputs,
): PlanPrefixList[] {
  const wanting = new Map<string, { desired: DesiredPrefixList; pairings: string[] }>();
  for (const a of inputs.admitted)
    for (const d of a.prefixLists ?? []) {
      const key = `${d.accountId}/${d.description}`;
      const entry = wanting.get(key) ?? { desired: d, pairings: [] };
      entry.pairings.push(a.pairing.name);
      wanting.set(key, entry);
    }
  const out: PlanPrefixList[] = [];
  for (const { desired, pairings } of wanting.values()) {
    const owned = findOwnedList(actual.prefixLists, desired.accountId, desired.description);
    const change = listChange([...new Set(pairings)].sort(), desired, owned);
    if (change !== undefined) out.push(change);
  }
  out.push(...deletions(config, actual, inputs));
  return out.sort((x, y) => compareText(x.accountId, y.accountId) || compareText(x.description, y.description));
}

function deletions(config: NormalizedConfig, actual: ActualState, inputs: PrefixListInputs): PlanPrefixList[] {
  if (inputs.selection !== undefined || config.prune !== 'owned') return [];
  const wanted = new Set(
    inputs.ready.flatMap((a) => (a.prefixLists ?? []).map((d) => `${d.accountId}/${d.description}`)),
  );
  const computed = new Set(
    inputs.ready.filter((a) => a.pairing.mode !== 'audit' && a.pairing.prune !== 'off').map((a) => a.pairing.name),
  );
  const undecided = new Set(
    config.pairings
      .filter((p) => p.strategy === 'prefix-list' && !computed.has(p.name))
      .flatMap((p) => p.sides.map((s) => s.accountId)),
  );
  const out: PlanPrefixList[] = [];
  for (const owned of Object.values(actual.prefixLists ?? {})) {
    if (owned === undefined || wanted.has(`${owned.accountId}/${owned.description}`)) continue;
    if (parsePrefixListDescription(owned.description)?.deployment !== config.name) continue; // not ours: never touched
    if (undecided.has(owned.accountId)) continue;
    out.push({
      accountId: owned.accountId,
      description: owned.description,
      pairings: [],
      prefixListId: owned.prefixListId,
      addressFamily: owned.addressFamily === 'IPv6' ? 'IPv6' : 'IPv4',
      maxEntries: owned.maxEntries,
      add: [],
      remove: [],
      delete: true,
    });
  }
  return out;
}

function listChange(
  pairings: string[],
  d: DesiredPrefixList,
  owned: OwnedPrefixList | undefined,
): PlanPrefixList | undefined {
  const base = { accountId: d.accountId, description: d.description, pairings, addressFamily: d.family };
  if (owned === undefined)
    return { ...base, maxEntries: sizeMaxEntries(d.entries.length) ?? 0, add: [...d.entries], remove: [] };
  const current = new Set(owned.entries ?? []);
  const desired = new Set(d.entries);
  const add = d.entries.filter((c) => !current.has(c));
  const remove = [...current].filter((c) => !desired.has(c)).sort();
  if (add.length === 0 && remove.length === 0) return undefined;
  return { ...base, prefixListId: owned.prefixListId, maxEntries: owned.maxEntries, add, remove };
}
