import { TerminalError } from '../errors';
import { canonicalCidr } from '../net';
import type {
  PairingDirection,
  PairingMode,
  PairingProtocol,
  PairingStrategy,
  PruneMode,
  RawConfig,
  RawSide,
} from './config-schema';
import { expandFleet, hasFleet, type DiscoveredAccount, type FleetExpansion, type NamedGroupLookup } from './fleet';
import { formatPorts, parsePorts } from './ports';
import { resolveAccountMode, resolvePairingMode } from './resolve-mode';

/** An account with its alias resolved and its role decided. */
export interface NormalizedAccount {
  readonly alias: string;
  readonly accountId: string;
  /** explicit `roleArn`, else `acs:ram::<id>:role/<roleName>` */
  readonly roleArn: string;
  readonly externalId?: string;
  /** the account's verify command (CreateCommand's CommandId), when declared */
  readonly verifyCommandId?: string;
  /** canonical CIDRs members of this account may send from besides the private ones (sorted, unique) */
  readonly allowedMemberRanges?: readonly string[];
  /** `mode` as written for this account; absent when not written (see resolvePairingMode) */
  readonly mode?: PairingMode;
  /** found in the Resource Directory, not declared in `accounts` */
  readonly discovered?: true;
}

/** `resourceDirectory` with its defaults: where accounts are discovered and how their role is named. */
export interface NormalizedDirectory {
  /** absent: every member (ListAccounts) */
  readonly folderIds?: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
  readonly roleName: string;
  readonly externalId?: string;
}

/** What every side has: its account, and (strategy cidr only) the ranges it sends from. */
interface SideBase {
  readonly accountAlias: string;
  readonly accountId: string;
  /** canonical IPv4 CIDRs (network form, sorted, unique); only with strategy cidr */
  readonly cidrs?: readonly string[];
  /**
   * canonical CIDRs its members' addresses may lie in besides the private ones: the side's
   * `allowedMemberRanges` and its account's (sorted, unique); absent when neither declares any
   */
  readonly allowedMemberRanges?: readonly string[];
  /** `allowPublic: true`: its `cidrs` may name public ranges */
  readonly allowPublic?: true;
  /** refuse the pairing's additions when the side resolves to more members than this */
  readonly maxMembers?: number;
}

/** Every instance in the group, now and later. */
export interface GroupSide extends SideBase {
  readonly kind: 'group';
  readonly securityGroupId: string;
}

/** One instance: its primary private IP; it receives in `securityGroupId`, else its first group. */
export interface InstanceSide extends SideBase {
  readonly kind: 'instance';
  readonly instanceId: string;
  readonly securityGroupId?: string;
}

/**
 * The account's Running instances in the region that carry every one of `tags` (read fresh each
 * run): each sends from its primary private IP, and receives in `securityGroupId`, else in its
 * first group.
 */
export interface TagSide extends SideBase {
  readonly kind: 'tags';
  /** key -> value, keys sorted */
  readonly tags: Readonly<Record<string, string>>;
  readonly securityGroupId?: string;
}

export type PairingSide = GroupSide | InstanceSide | TagSide;

export interface NormalizedPairing {
  readonly name: string;
  readonly sides: readonly [PairingSide, PairingSide];
  readonly protocol: PairingProtocol;
  /** canonical "from/to" */
  readonly ports: string;
  readonly direction: PairingDirection;
  readonly priority: number;
  readonly region: string;
  readonly strategy: PairingStrategy;
  /** the pairing's own prune, else the config's */
  readonly prune: PruneMode;
  /** opted in to Cloud Assistant probes (`verify: true`); absent otherwise */
  readonly verify?: true;
  /** `audit` when its resolved mode is (see resolvePairingMode): planned and reported, never written; absent: enforce */
  readonly mode?: 'audit';
  /** `ipv6` or `dual` when asked (the rule families it writes); absent: IPv4 only */
  readonly ipVersion?: 'ipv6' | 'dual';
  /** `manage` when asked: the sender's egress accept rules are written too; absent: egress is only checked */
  readonly egress?: 'manage';
}

export interface NormalizedConfig {
  readonly version: 1;
  /** deployment name */
  readonly name: string;
  /**
   * the declared deployment id: rules are marked `sg-pairing:<name>:<pairing>:<id>`, the record's value is
   * `owned:<id>`, and legacy-marked rules are migrated (docs/configuration.md "Deployment identity"); absent:
   * the legacy marker and value, as before ids existed
   */
  readonly deploymentId?: string;
  readonly region: string;
  readonly roleName: string;
  /** keyed by alias */
  readonly accounts: Readonly<Record<string, NormalizedAccount>>;
  readonly pairings: readonly NormalizedPairing[];
  /** the default of each pairing's prune; also governs rules of pairings no longer declared */
  readonly prune: PruneMode;
  /** `audit` when the top-level mode is (the default of every pairing and account); absent: enforce */
  readonly mode?: 'audit';
  /** per pairing: a pairing that would add more rules has its additions refused (revocations go on) */
  readonly maxChangesPerRun: number;
  /** run-wide ceiling on adds + revokes: over it additions are refused; revocations alone over it: nothing written */
  readonly maxChangesPerRunTotal: number;
  /** `resourceDirectory` as configured: a full run discovers accounts (shared/directory) */
  readonly directory?: NormalizedDirectory;
  /** how each fleet pairing expanded (over the declared accounts, plus the discovered ones once resolved) */
  readonly fleet?: readonly FleetExpansion[];
  /** the config as parsed, kept when it has a fleet side or a resourceDirectory: withDiscoveredAccounts expands it again */
  readonly source?: RawConfig;
  /**
   * fleet expansions this run could not confirm (the directory refused or a folder failed: `<fleet>--`
   * prefixes; an account whose role was refused: its exact expanded names): their owned rules are
   * held, never revoked as PairingRemoved, until a run can see those accounts again
   */
  readonly held?: { readonly prefixes: readonly string[]; readonly names: readonly string[] };
}

/** Whether an owned rule of this pairing (not declared in this run) must stay: see NormalizedConfig.held. */
export function isHeldPairing(config: NormalizedConfig, pairing: string): boolean {
  const held = config.held;
  return held !== undefined && (held.names.includes(pairing) || held.prefixes.some((p) => pairing.startsWith(p)));
}

export const defaultMaxChangesPerPairing = 200;
export const defaultMaxChangesPerRunTotal = 500;

/**
 * Applies defaults and resolves aliases. Call it only on a config that passed the schema and every
 * check (parseConfigText does): it assumes aliases exist and sides are well formed.
 */
export function normalizeConfig(
  raw: RawConfig,
  discoveredAccounts: readonly DiscoveredAccount[] = [],
  groupNamed?: NamedGroupLookup,
): NormalizedConfig {
  const fleet = hasFleet(raw) ? expandFleet(raw, discoveredAccounts, groupNamed) : undefined;
  const rawAccounts = fleet?.accounts ?? raw.accounts;
  const accounts: Record<string, NormalizedAccount> = {};
  for (const [alias, account] of Object.entries(rawAccounts)) {
    accounts[alias] = {
      alias,
      accountId: account.id,
      roleArn: account.roleArn ?? `acs:ram::${account.id}:role/${raw.roleName}`,
      ...(account.externalId === undefined ? {} : { externalId: account.externalId }),
      ...(account.verifyCommandId === undefined ? {} : { verifyCommandId: account.verifyCommandId }),
      ...(account.allowedMemberRanges === undefined
        ? {}
        : { allowedMemberRanges: [...new Set(account.allowedMemberRanges.map(normalCidr))].sort() }),
      ...(account.mode === undefined ? {} : { mode: account.mode }),
      ...(fleet?.discovered.includes(account.id) === true ? { discovered: true as const } : {}),
    };
  }
  const side = (s: RawSide): PairingSide => normalizeSide(s, accounts);
  const pairings = (fleet?.pairings ?? raw.pairings).map((p): NormalizedPairing => ({
    name: p.name,
    sides: [side(p.between[0]), side(p.between[1])],
    protocol: p.protocol,
    ports: formatPorts(parsePorts(p.ports) ?? { from: -1, to: -1 }),
    direction: p.direction,
    priority: p.priority,
    region: p.region ?? raw.region,
    strategy: p.strategy,
    prune: p.prune ?? raw.prune,
    ...(p.verify === true ? { verify: true as const } : {}),
    ...(p.ipVersion === 'ipv6' || p.ipVersion === 'dual' ? { ipVersion: p.ipVersion } : {}),
    ...(p.egress === 'manage' ? { egress: 'manage' as const } : {}),
    ...(resolvePairingMode({
      ...(p.mode === undefined ? {} : { pairing: p.mode }),
      sides: [rawAccounts[p.between[0].account]?.mode, rawAccounts[p.between[1].account]?.mode],
      direction: p.direction,
      top: raw.mode,
    }) === 'audit'
      ? { mode: 'audit' as const }
      : {}),
  }));
  return {
    version: 1,
    name: raw.name,
    ...(raw.deploymentId === undefined ? {} : { deploymentId: raw.deploymentId }),
    region: raw.region,
    roleName: raw.roleName,
    accounts,
    pairings,
    prune: raw.prune,
    ...(raw.mode === 'audit' ? { mode: 'audit' as const } : {}),
    ...changeLimitsOf(raw),
    ...(raw.resourceDirectory === undefined ? {} : { directory: normalizeDirectory(raw) }),
    ...(fleet === undefined ? {} : { fleet: fleet.fleet, source: raw }),
  };
}

/**
 * The config with these Resource Directory members added (each discovered account not declared, its
 * role named by the directory's roleName) and every fleet pairing expanded over all accounts (a fleet
 * side by name: over those where `groupNamed` found its group); the config itself when it has no fleet
 * side nor resourceDirectory.
 */
export function withDiscoveredAccounts(
  config: NormalizedConfig,
  discovered: readonly DiscoveredAccount[],
  groupNamed?: NamedGroupLookup,
): NormalizedConfig {
  return config.source === undefined ? config : normalizeConfig(config.source, discovered, groupNamed);
}

function changeLimitsOf(raw: RawConfig): Pick<NormalizedConfig, 'maxChangesPerRun' | 'maxChangesPerRunTotal'> {
  return {
    maxChangesPerRun: raw.maxChangesPerRun ?? defaultMaxChangesPerPairing,
    // a maxChangesPerRun written when it bounded the whole run keeps bounding it
    maxChangesPerRunTotal: raw.maxChangesPerRunTotal ?? raw.maxChangesPerRun ?? defaultMaxChangesPerRunTotal,
  };
}

function normalizeDirectory(raw: RawConfig): NormalizedDirectory | undefined {
  const d = raw.resourceDirectory;
  if (d === undefined) return undefined;
  return {
    ...(d.folderIds === undefined ? {} : { folderIds: [...new Set(d.folderIds)].sort() }),
    ...(d.tags === undefined ? {} : { tags: d.tags }),
    roleName: d.roleName ?? raw.roleName,
    ...(d.externalId === undefined ? {} : { externalId: d.externalId }),
  };
}

function normalizeSide(side: RawSide, accounts: Readonly<Record<string, NormalizedAccount>>): PairingSide {
  const account = accounts[side.account];
  if (account === undefined)
    throw new TerminalError(`unknown account alias "${side.account}" (normalizeConfig needs a checked config)`, {
      code: 'ConfigInvalid',
    });
  const cidrs = side.cidrs === undefined ? undefined : [...new Set(side.cidrs.map(normalCidr))].sort();
  const declared = [...(side.allowedMemberRanges ?? []).map(normalCidr), ...(account.allowedMemberRanges ?? [])];
  const owner = {
    accountAlias: side.account,
    accountId: account.accountId,
    ...(cidrs === undefined ? {} : { cidrs }),
    ...(declared.length === 0 ? {} : { allowedMemberRanges: [...new Set(declared)].sort() }),
    ...(side.allowPublic === true ? { allowPublic: true as const } : {}),
    ...(side.maxMembers === undefined ? {} : { maxMembers: side.maxMembers }),
  };
  const receivingGroup = side.securityGroup === undefined ? {} : { securityGroupId: side.securityGroup };
  if (side.instance !== undefined) return { kind: 'instance', ...owner, instanceId: side.instance, ...receivingGroup };
  if (side.tags !== undefined) {
    const tags = Object.fromEntries(Object.entries(side.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { kind: 'tags', ...owner, tags, ...receivingGroup };
  }
  if (side.securityGroup !== undefined) return { kind: 'group', ...owner, securityGroupId: side.securityGroup };
  throw new TerminalError('a side without securityGroup, instance or tags (normalizeConfig needs a checked config)', {
    code: 'ConfigInvalid',
  });
}

function normalCidr(text: string): string {
  const canonical = canonicalCidr(text);
  if (!canonical.ok)
    throw new TerminalError(`${canonical.message} (normalizeConfig needs a checked config)`, { code: 'ConfigInvalid' });
  return canonical.cidr;
}

/** The account of a UID, when declared. */
export function findAccountById(config: NormalizedConfig, accountId: string): NormalizedAccount | undefined {
  return Object.values(config.accounts).find((a) => a.accountId === accountId);
}

/** The distinct accounts the config's pairings act in, sorted (a declared account may act in none). */
export function pairingAccountIds(config: NormalizedConfig): string[] {
  return [...new Set(config.pairings.flatMap((p) => p.sides.map((side) => side.accountId)))].sort();
}

/** The mode of owned rules in an account that no declared pairing names: the account's, else the top level's. */
export function accountModeById(config: NormalizedConfig, accountId: string): PairingMode {
  return resolveAccountMode(findAccountById(config, accountId)?.mode, config.mode ?? 'enforce');
}
