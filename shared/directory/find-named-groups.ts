import pLimit from 'p-limit';
import type { AccountSessions } from '../cloud/account-sessions';
import type { GroupSummary } from '../cloud/port';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../cloud/retry';
import {
  fleetPairingName,
  fleetSideOf,
  type NamedGroup,
  type NormalizedAccount,
  type NormalizedConfig,
} from '../config';
import { toSgPairingError } from '../errors';
import type { DirectoryWarning } from './directory-warning';

/** Lookups in flight at once (each is one DescribeSecurityGroups as one account). */
const LOOKUP_CONCURRENCY = 4;

export interface NamedGroupsFound {
  /** per account and name: the one group of that name */
  readonly found: readonly NamedGroup[];
  /** expansions whose group could not be told this run (the lookup failed, or several groups bear the name): held */
  readonly held: readonly string[];
  readonly warnings: readonly DirectoryWarning[];
}

const NONE: NamedGroupsFound = { found: [], held: [], warnings: [] };

/** The names fleet sides look for: the fleet pairings looking for each, and the accounts of their other sides. */
function wantedNames(config: NormalizedConfig): Map<string, { pairings: string[]; others: Set<string> }> {
  const wanted = new Map<string, { pairings: string[]; others: Set<string> }>();
  const raw = config.source;
  for (const p of raw?.pairings ?? []) {
    const side = fleetSideOf(p);
    const name = side === undefined ? undefined : p.between[side]?.securityGroupName;
    if (name === undefined) continue;
    const entry = wanted.get(name) ?? { pairings: [], others: new Set<string>() };
    entry.pairings.push(p.name);
    const other = raw?.accounts[p.between[side === 0 ? 1 : 0]?.account ?? ''];
    if (other !== undefined) entry.others.add(other.id);
    wanted.set(name, entry);
  }
  return wanted;
}

/**
 * Whether a name is looked up in an account: always in a full run; in an event batch, in the accounts
 * its events concern, and in every account for a name whose fleet pairing has its other side in one of
 * them (an event there touches every expansion).
 */
function looksUp(only: ReadonlySet<string> | undefined, others: ReadonlySet<string>): (accountId: string) => boolean {
  if (only === undefined || [...others].some((id) => only.has(id))) return () => true;
  return (accountId) => only.has(accountId);
}

/**
 * Each fleet side by name (`securityGroupName`), in every account of the config (declared, and the
 * discovered ones whose role could be assumed): DescribeSecurityGroups with SecurityGroupName in the
 * config's region, one call per account and name, the role's session reused. No group of that name:
 * a warning naming the account, which the pairing leaves out. Several (in different VPCs), or a failed
 * lookup: a warning, and that expansion is held (its rules stay) until one group can be told.
 * A config without such a side makes no call. With `only` (an event batch), see looksUp: an expansion
 * not looked up is held, so the batch neither pairs nor prunes it.
 */
export async function findNamedGroups(
  config: NormalizedConfig,
  deps: { readonly sessions: AccountSessions; readonly retry?: RetryPolicy; readonly only?: ReadonlySet<string> },
): Promise<NamedGroupsFound> {
  const wanted = wantedNames(config);
  if (wanted.size === 0) return NONE;
  const accounts = [...new Map(Object.values(config.accounts).map((a) => [a.accountId, a])).values()].sort((a, b) =>
    a.accountId < b.accountId ? -1 : 1,
  );
  const limit = pLimit(LOOKUP_CONCURRENCY);
  const skipped: string[] = [];
  const lookups = accounts.flatMap((account) =>
    [...wanted.keys()].sort().flatMap((name) => {
      const { pairings, others } = wanted.get(name)!;
      if (!looksUp(deps.only, others)(account.accountId)) {
        skipped.push(...pairings.map((p) => fleetPairingName(p, account.accountId)));
        return [];
      }
      return limit(async () => {
        try {
          const groups = await withRetry(
            async () => (await deps.sessions.ecs(roleOf(account))).listGroupsNamed(name),
            deps.retry ?? DEFAULT_RETRY,
          );
          return { account, name, groups };
        } catch (thrown) {
          return { account, name, failed: toSgPairingError(thrown, { account: account.accountId }).code };
        }
      });
    }),
  );
  const out = { found: [] as NamedGroup[], held: skipped, warnings: [] as DirectoryWarning[] };
  for (const r of await Promise.all(lookups)) sortLookup(r, wanted.get(r.name)?.pairings ?? [], config.region, out);
  return out;
}

interface Lookup {
  readonly account: NormalizedAccount;
  readonly name: string;
  readonly groups?: readonly GroupSummary[];
  readonly failed?: string;
}

/** One account's answer: its group found, or a warning (missing: left out; several or failed: held). */
function sortLookup(
  r: Lookup,
  pairings: readonly string[],
  region: string,
  out: { found: NamedGroup[]; held: string[]; warnings: DirectoryWarning[] },
): void {
  const accountId = r.account.accountId;
  const where = `account ${accountId} (${r.account.alias})`;
  const named = `a security group named "${r.name}" in ${region}`;
  const groups = r.groups ?? [];
  if (r.groups !== undefined && groups.length === 1) {
    out.found.push({ accountId, region, name: r.name, securityGroupId: groups[0]!.groupId });
    return;
  }
  if (r.groups !== undefined && groups.length === 0) {
    out.warnings.push({
      code: 'GroupNameMissing',
      account: accountId,
      message: `${where} has no ${named}: fleet pairing(s) ${quoted(pairings)} leave it out this run; create the group there (or rename it) and the next run pairs it`,
    });
    return;
  }
  out.held.push(...pairings.map((p) => fleetPairingName(p, accountId)));
  out.warnings.push(
    r.groups === undefined
      ? {
          code: 'GroupLookupFailed',
          account: accountId,
          message: `${where}: looking for ${named} failed (${r.failed ?? 'unknown'}); its rules of fleet pairing(s) ${quoted(pairings)} are held until a run can look again`,
        }
      : {
          code: 'GroupNameAmbiguous',
          account: accountId,
          message: `${where} has ${groups.length} groups named "${r.name}" (${describe(groups)}): fleet pairing(s) ${quoted(pairings)} pair none of them and hold their rules; rename all but one, or pair this account's group by id in a pairing of its own`,
        },
  );
}

function roleOf(account: NormalizedAccount) {
  return { accountId: account.accountId, roleArn: account.roleArn, externalId: account.externalId };
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const describe = (groups: readonly GroupSummary[]) =>
  groups.map((g) => `${g.groupId} in ${g.vpcId === '' ? 'the classic network' : g.vpcId}`).join(', ');
