import type { RawAccount, RawConfig, RawPairing, RawSide } from './config-schema';
import { FLEET_ACCOUNT } from './patterns';

/** A member account found in the Resource Directory (shared/directory), as the config expansion needs it. */
export interface DiscoveredAccount {
  readonly accountId: string;
  readonly displayName: string;
}

/** A fleet side's group found by its name in one account and region (shared/directory's lookup). */
export interface NamedGroup {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  readonly securityGroupId: string;
}

/** The group id a fleet side by name has in an account, when found; `*` stands for any (iam's reading). */
export type NamedGroupLookup = (accountId: string, region: string, name: string) => string | undefined;

/** The lookup of a list of found groups (an account with none of that name: undefined). */
export function namedGroupLookup(found: readonly NamedGroup[]): NamedGroupLookup {
  const byKey = new Map(found.map((g) => [`${g.accountId}/${g.region}/${g.name}`, g.securityGroupId]));
  return (accountId, region, name) => byKey.get(`${accountId}/${region}/${name}`);
}

/** How one fleet pairing was expanded: one concrete pairing per account, named `<pairing>--<accountId>`. */
export interface FleetExpansion {
  /** the fleet pairing's name as written */
  readonly pairing: string;
  /** which side is the fleet side (`account: "*"`) */
  readonly fleetSide: 0 | 1;
  /** sorted by account id (a side by name: only the accounts where its group was found) */
  readonly accounts: readonly { readonly accountId: string; readonly alias: string; readonly pairing: string }[];
}

/** The separator of an expanded pairing's name: `<fleet pairing>--<account id>` (a declared name may not take this form). */
export const FLEET_NAME_SEPARATOR = '--';
/** The longest fleet pairing name: an expanded name (`--` + a 20-digit UID) must stay within the 63 of a pairing name. */
export const FLEET_NAME_MAX = 63 - FLEET_NAME_SEPARATOR.length - 20;

export function fleetPairingName(pairing: string, accountId: string): string {
  return `${pairing}${FLEET_NAME_SEPARATOR}${accountId}`;
}

/** The alias a discovered account that is not declared gets. */
export function discoveredAlias(accountId: string): string {
  return `rd-${accountId}`;
}

/** The index of a pairing's fleet side, if it has one. */
export function fleetSideOf(pairing: Pick<RawPairing, 'between'>): 0 | 1 | undefined {
  if (pairing.between[0]?.account === FLEET_ACCOUNT) return 0;
  if (pairing.between[1]?.account === FLEET_ACCOUNT) return 1;
  return undefined;
}

/** Whether the config needs the run-time expansion (a fleet side or a resourceDirectory). */
export function hasFleet(raw: RawConfig): boolean {
  return raw.resourceDirectory !== undefined || raw.pairings.some((p) => fleetSideOf(p) !== undefined);
}

/**
 * Pure: the declared accounts plus each discovered account not declared (alias `rd-<uid>`, role
 * `resourceDirectory.roleName` else the top-level roleName, the directory's ExternalId), and the
 * pairings with every fleet pairing replaced by one concrete pairing per account.
 */
export function expandFleet(
  raw: RawConfig,
  discovered: readonly DiscoveredAccount[],
  groupNamed: NamedGroupLookup = () => undefined,
): { accounts: Record<string, RawAccount>; pairings: RawPairing[]; fleet: FleetExpansion[]; discovered: string[] } {
  const accounts: Record<string, RawAccount> = { ...raw.accounts };
  const declaredIds = new Set(Object.values(raw.accounts).map((a) => a.id));
  const added: string[] = [];
  for (const d of discovered) {
    if (declaredIds.has(d.accountId) || added.includes(d.accountId)) continue;
    const directory = raw.resourceDirectory;
    accounts[discoveredAlias(d.accountId)] = {
      id: d.accountId,
      roleArn: `acs:ram::${d.accountId}:role/${directory?.roleName ?? raw.roleName}`,
      ...(directory?.externalId === undefined ? {} : { externalId: directory.externalId }),
    };
    added.push(d.accountId);
  }
  const byId = Object.entries(accounts)
    .map(([alias, a]) => ({ alias, accountId: a.id }))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  const pairings: RawPairing[] = [];
  const fleet: FleetExpansion[] = [];
  for (const p of raw.pairings) {
    const side = fleetSideOf(p);
    if (side === undefined) {
      pairings.push(p);
      continue;
    }
    const name = p.between[side]?.securityGroupName;
    const region = p.region ?? raw.region;
    const groupOf = (accountId: string) => (name === undefined ? undefined : groupNamed(accountId, region, name));
    const expanded = byId
      .filter((a) => name === undefined || groupOf(a.accountId) !== undefined)
      .map((a) => ({ ...a, pairing: fleetPairingName(p.name, a.accountId) }));
    for (const a of expanded) {
      const between = p.between.map((s, i) => (i === side ? concreteSide(s, a.alias, groupOf(a.accountId)) : s));
      pairings.push({ ...p, name: a.pairing, between });
    }
    fleet.push({ pairing: p.name, fleetSide: side, accounts: expanded });
  }
  return { accounts, pairings, fleet, discovered: added.sort() };
}

/** A fleet side in one account: its alias, and a side by name as the group found there (with tags: their receiving group). */
function concreteSide(side: RawSide, alias: string, groupId: string | undefined): RawSide {
  const rest: RawSide = { ...side };
  delete rest.securityGroupName;
  return groupId === undefined ? { ...rest, account: alias } : { ...rest, account: alias, securityGroup: groupId };
}
