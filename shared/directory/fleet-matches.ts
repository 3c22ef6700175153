import type { NormalizedConfig } from '../config';
import type { ActualState } from '../plan';
import { isMember, memberKey } from '../rules';
import type { DirectoryWarning } from './directory-warning';

/**
 * Pure: a fleet pairing whose fleet side selects no member (a Running instance with a private IP
 * carrying its tags) in any of the accounts it expanded to, every one of them listed this run: most
 * likely a tag written wrong. Not said when the directory could not be fully listed. A warning, not a failure: each account's pairing is simply in sync.
 */
export function fleetMatchWarnings(config: NormalizedConfig, actual: ActualState): DirectoryWarning[] {
  const out: DirectoryWarning[] = [];
  if (config.held?.prefixes.length) return out; // the directory was not fully listed: the members not seen may match
  for (const f of config.fleet ?? []) {
    const tags = config.source?.pairings.find((p) => p.name === f.pairing)?.between[f.fleetSide]?.tags;
    if (tags === undefined || f.accounts.length === 0) continue;
    const lists = f.accounts.map((a) => actual.memberInstances?.[memberKey({ accountId: a.accountId, tags })]);
    if (lists.some((l) => l === undefined)) continue; // not every account was listed (a scoped run, a failed read)
    if (lists.some((l) => (l ?? []).some(isMember))) continue;
    out.push({
      code: 'FleetMatchesNothing',
      pairing: f.pairing,
      message: `fleet pairing "${f.pairing}": no Running instance tagged ${Object.entries(tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')} in any of its ${f.accounts.length} account(s); check the side's tags`,
    });
  }
  return out;
}
