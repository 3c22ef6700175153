import pLimit from 'p-limit';
import type { AccountSessions } from '../cloud/account-sessions';
import type { DirectoryAccount, DirectoryPort } from '../cloud/port';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../cloud/retry';
import {
  FLEET_NAME_SEPARATOR,
  fleetPairingName,
  namedGroupLookup,
  withDiscoveredAccounts,
  type NamedGroup,
  type NormalizedConfig,
} from '../config';
import { toSgPairingError } from '../errors';
import type { Logger } from '../log';
import { discoverAccounts } from './discover-accounts';
import { findNamedGroups } from './find-named-groups';
import type { DirectoryWarning } from './directory-warning';
import { eventRouteWarnings } from './event-route-coverage';

/** Role probes of discovered accounts at once (they count against the hub's STS rate, like the run's own). */
const PROBE_CONCURRENCY = 4;

export interface FleetResolution {
  /** the config with the discovered accounts added and every fleet pairing expanded over all accounts */
  readonly config: NormalizedConfig;
  /** the discovered members whose role could be assumed (declared ones included), sorted by id */
  readonly discovered: readonly DirectoryAccount[];
  /** the groups fleet sides by name found, one per account and name (the fan-out hands them to its workers) */
  readonly namedGroups: readonly NamedGroup[];
  readonly warnings: readonly DirectoryWarning[];
}

export interface ResolveFleetDeps {
  /** the hub's Resource Directory reads; absent in a face that cannot discover */
  readonly directory?: DirectoryPort;
  readonly sessions: AccountSessions;
  readonly log: Logger;
  readonly retry?: RetryPolicy;
  /**
   * an event batch: the accounts its events concern. Fleet sides by name are looked up there only (and
   * everywhere for a fleet pairing whose other side is in one of them); the other expansions by name are
   * held. Absent: a full run, which looks up in every account and warns EventRouteUntrusted.
   */
  readonly eventAccounts?: ReadonlySet<string>;
}

/**
 * A full run's accounts: the declared ones plus the Resource Directory's active members (when the
 * config has `resourceDirectory`), each fleet pairing expanded over all of them. A discovered
 * account whose role refuses AssumeRole (not created yet, trust or ExternalId wrong) is left out
 * with a warning naming it; a listing that is refused or fails leaves the discovered accounts out
 * with a warning. What this run could not see is held: its expansions' owned rules are not pruned.
 * A config without fleet side nor resourceDirectory comes back as it is, with no call made.
 */
export async function resolveFleet(config: NormalizedConfig, deps: ResolveFleetDeps): Promise<FleetResolution> {
  if (config.source === undefined) return { config, discovered: [], namedGroups: [], warnings: [] };
  const retry = deps.retry ?? DEFAULT_RETRY;
  const discovery =
    config.directory === undefined
      ? { accounts: [], complete: true, warnings: [] }
      : await discoverAccounts(config.directory, deps.directory, retry);
  const probed = await probeRoles(config, discovery.accounts, deps, retry);
  // fleet sides by name: their group looked up in every account now known (no call without such a side)
  const named = await findNamedGroups(withDiscoveredAccounts(config, probed.reachable), {
    ...deps,
    retry,
    ...(deps.eventAccounts === undefined ? {} : { only: deps.eventAccounts }),
  });
  const expanded = withDiscoveredAccounts(config, probed.reachable, namedGroupLookup(named.found));
  const fleetNames = (expanded.fleet ?? []).map((f) => f.pairing);
  const held = {
    prefixes: discovery.complete ? [] : fleetNames.map((n) => `${n}${FLEET_NAME_SEPARATOR}`),
    names: [...probed.refused.flatMap((id) => fleetNames.map((n) => fleetPairingName(n, id))), ...named.held],
  };
  const routes = deps.eventAccounts === undefined ? eventRouteWarnings(config, probed.reachable) : [];
  const warnings = [...discovery.warnings, ...probed.warnings, ...named.warnings, ...emptyFleets(expanded), ...routes];
  for (const w of warnings) deps.log.warn('directory', { result: w.code, ...w });
  deps.log.info('directory', {
    result: 'resolved',
    discovered: probed.reachable.length,
    accounts: Object.keys(expanded.accounts).length,
    fleet: (expanded.fleet ?? []).map((f) => ({ pairing: f.pairing, accounts: f.accounts.length })),
  });
  const withHeld = held.prefixes.length + held.names.length === 0 ? expanded : { ...expanded, held };
  return { config: withHeld, discovered: probed.reachable, namedGroups: named.found, warnings };
}

/** Each discovered account not declared: its role assumed once (the session is cached for the run); refused: left out, named. */
async function probeRoles(
  config: NormalizedConfig,
  members: readonly DirectoryAccount[],
  deps: ResolveFleetDeps,
  retry: RetryPolicy,
): Promise<{ reachable: DirectoryAccount[]; refused: string[]; warnings: DirectoryWarning[] }> {
  const declared = new Set(Object.values(config.accounts).map((a) => a.accountId));
  const directory = config.directory;
  const limit = pLimit(PROBE_CONCURRENCY);
  const outcomes = await Promise.all(
    members.map((m) =>
      limit(async (): Promise<DirectoryWarning | undefined> => {
        if (declared.has(m.accountId) || directory === undefined) return undefined;
        const roleArn = `acs:ram::${m.accountId}:role/${directory.roleName}`;
        try {
          await withRetry(
            () => deps.sessions.credentials({ accountId: m.accountId, roleArn, externalId: directory.externalId }),
            retry,
          );
          return undefined;
        } catch (thrown) {
          const err = toSgPairingError(thrown, { account: m.accountId });
          return {
            code: 'RoleMissing',
            account: m.accountId,
            message: `discovered account ${m.accountId} (${m.displayName}): its role ${roleArn} cannot be assumed (${err.code}); its fleet pairings wait until the role exists (see docs/deploy.md)`,
          };
        }
      }),
    ),
  );
  const refused = members.filter((_m, i) => outcomes[i] !== undefined).map((m) => m.accountId);
  return {
    reachable: members.filter((m) => !refused.includes(m.accountId)),
    refused,
    warnings: outcomes.filter((w): w is DirectoryWarning => w !== undefined),
  };
}

/** A fleet pairing with no account at all (a side by name whose group is missing says so per account). */
function emptyFleets(config: NormalizedConfig): DirectoryWarning[] {
  const hasAccounts = Object.keys(config.accounts).length > 0;
  const byName = (pairing: string) => {
    const p = config.source?.pairings.find((q) => q.name === pairing);
    return p?.between.some((s) => s.securityGroupName !== undefined) === true;
  };
  return (config.fleet ?? [])
    .filter((f) => f.accounts.length === 0 && !(hasAccounts && byName(f.pairing)))
    .map((f) => ({
      code: 'FleetMatchesNothing' as const,
      pairing: f.pairing,
      message: `fleet pairing "${f.pairing}" expanded to no account: no account is declared or discovered`,
    }));
}
