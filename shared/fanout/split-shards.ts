import { pairingAccountIds, type NormalizedConfig, type NormalizedPairing } from '../config';
import { TerminalError } from '../errors';

/** A slice of the config for one worker: whole pairings, and the accounts they act in. */
export interface Shard {
  readonly index: number;
  /** sorted */
  readonly accounts: readonly string[];
  /** pairing names, in shard order */
  readonly pairings: readonly string[];
}

/** The accounts a pairing acts in (1 or 2), sorted. */
export function pairingAccounts(pairing: NormalizedPairing): string[] {
  return [...new Set(pairing.sides.map((s) => s.accountId))].sort();
}

/** The distinct accounts the config's pairings act in: what a fan-out divides (a declared account no pairing uses is only listed for the record, by the first shard). */
export function configAccounts(config: NormalizedConfig): string[] {
  return pairingAccountIds(config);
}

/**
 * Pure and deterministic (the config's pairing order does not matter): every pairing in exactly
 * one shard, and each shard acting in at most `maxAccounts` accounts, unless a single pairing alone
 * exceeds it (only with `maxAccounts` 1 and a cross-account pairing). Pairings are taken in order
 * of their account set, then name, and each goes into the first shard it fits (first fit), so the
 * pairings of an account stay together and each worker assumes as few roles as it can.
 */
export function splitIntoShards(pairings: readonly NormalizedPairing[], maxAccounts: number): Shard[] {
  if (!Number.isInteger(maxAccounts) || maxAccounts < 1) {
    throw new TerminalError(`the shard limit must be a whole number of accounts >= 1, got ${maxAccounts}`, {
      code: 'InvalidShardLimit',
      operation: 'splitIntoShards',
    });
  }
  const items = pairings
    .map((p) => ({ name: p.name, accounts: pairingAccounts(p) }))
    .map((i) => ({ ...i, key: `${i.accounts.join('|')}#${i.name}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const shards: { accounts: Set<string>; pairings: string[] }[] = [];
  for (const item of items) {
    // counted, not built: a union per shard per pairing was 1.6 GB of garbage for 10,000 pairings
    const fits = (s: { accounts: Set<string> }) =>
      s.accounts.size + item.accounts.filter((a) => !s.accounts.has(a)).length <= maxAccounts;
    let shard = shards.find(fits);
    if (!shard) shards.push((shard = { accounts: new Set(), pairings: [] }));
    for (const a of item.accounts) shard.accounts.add(a);
    shard.pairings.push(item.name);
  }
  return shards.map((s, index) => ({ index, accounts: [...s.accounts].sort(), pairings: s.pairings }));
}
