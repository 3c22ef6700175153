import { TerminalError } from '../errors';
import type { PairingDirection, PairingProtocol, RawConfig, RawSide } from './config-schema';
import { formatPorts, parsePorts } from './ports';

/** An account with its alias resolved and its role decided. */
export interface NormalizedAccount {
  readonly alias: string;
  readonly accountId: string;
  /** explicit `roleArn`, else `acs:ram::<id>:role/<roleName>` */
  readonly roleArn: string;
  readonly externalId?: string;
}

/** Every instance in the group, now and later. */
export interface GroupSide {
  readonly kind: 'group';
  readonly accountAlias: string;
  readonly accountId: string;
  readonly securityGroupId: string;
}

/** One instance: its primary private IP; it receives in `securityGroupId`, else its first group. */
export interface InstanceSide {
  readonly kind: 'instance';
  readonly accountAlias: string;
  readonly accountId: string;
  readonly instanceId: string;
  readonly securityGroupId?: string;
}

export type PairingSide = GroupSide | InstanceSide;

export interface NormalizedPairing {
  readonly name: string;
  readonly sides: readonly [PairingSide, PairingSide];
  readonly protocol: PairingProtocol;
  /** canonical "from/to" */
  readonly ports: string;
  readonly direction: PairingDirection;
  readonly priority: number;
  readonly region: string;
}

export interface NormalizedConfig {
  readonly version: 1;
  /** deployment name */
  readonly name: string;
  readonly region: string;
  readonly roleName: string;
  /** keyed by alias */
  readonly accounts: Readonly<Record<string, NormalizedAccount>>;
  readonly pairings: readonly NormalizedPairing[];
}

/**
 * Applies defaults and resolves aliases. Call it only on a config that passed the schema and every
 * check (parseConfigText does): it assumes aliases exist and sides are well formed.
 */
export function normalizeConfig(raw: RawConfig): NormalizedConfig {
  const accounts: Record<string, NormalizedAccount> = {};
  for (const [alias, account] of Object.entries(raw.accounts)) {
    accounts[alias] = {
      alias,
      accountId: account.id,
      roleArn: account.roleArn ?? `acs:ram::${account.id}:role/${raw.roleName}`,
      ...(account.externalId === undefined ? {} : { externalId: account.externalId }),
    };
  }
  const side = (s: RawSide): PairingSide => normalizeSide(s, accounts);
  const pairings = raw.pairings.map((p): NormalizedPairing => ({
    name: p.name,
    sides: [side(p.between[0]), side(p.between[1])],
    protocol: p.protocol,
    ports: formatPorts(parsePorts(p.ports) ?? { from: -1, to: -1 }),
    direction: p.direction,
    priority: p.priority,
    region: p.region ?? raw.region,
  }));
  return { version: 1, name: raw.name, region: raw.region, roleName: raw.roleName, accounts, pairings };
}

function normalizeSide(side: RawSide, accounts: Readonly<Record<string, NormalizedAccount>>): PairingSide {
  const account = accounts[side.account];
  if (account === undefined) throw new TerminalError(`unknown account alias "${side.account}" (normalizeConfig needs a checked config)`, { code: 'ConfigInvalid' });
  const owner = { accountAlias: side.account, accountId: account.accountId };
  if (side.instance !== undefined) {
    return { kind: 'instance', ...owner, instanceId: side.instance, ...(side.securityGroup === undefined ? {} : { securityGroupId: side.securityGroup }) };
  }
  if (side.securityGroup !== undefined) return { kind: 'group', ...owner, securityGroupId: side.securityGroup };
  throw new TerminalError('a side without securityGroup or instance (normalizeConfig needs a checked config)', { code: 'ConfigInvalid' });
}

/** The account of a UID, when declared. */
export function findAccountById(config: NormalizedConfig, accountId: string): NormalizedAccount | undefined {
  return Object.values(config.accounts).find((a) => a.accountId === accountId);
}
