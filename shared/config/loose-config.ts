import { joinPath } from './diagnostic';

/**
 * A tolerant view of the document for the semantic checks: every field that is not of the
 * expected primitive type is undefined (the schema reports those), and every node knows its path.
 * This lets the checks run even when the schema failed elsewhere, so all problems come at once.
 */
export interface LooseAccount {
  readonly path: string;
  readonly alias: string;
  readonly id?: string;
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly verifyCommandId?: string;
  /** present when `allowedMemberRanges` is given at all */
  readonly allowedMemberRanges?: unknown;
}

export interface LooseSide {
  readonly path: string;
  readonly account?: string;
  readonly securityGroup?: string;
  readonly instance?: string;
  /** a fleet side's group, by name in each account */
  readonly securityGroupName?: string;
  /** present when `tags` is given at all (its content as written; the checks look inside) */
  readonly tags?: unknown;
  /** present when `cidrs` is given at all */
  readonly cidrs?: unknown;
  /** present when `allowedMemberRanges` is given at all */
  readonly allowedMemberRanges?: unknown;
  /** `allowPublic: true` as written; anything else is false (the schema reports a non-boolean) */
  readonly allowPublic?: boolean;
  readonly maxMembers?: number;
}

export interface LoosePairing {
  readonly path: string;
  readonly name?: string;
  /** undefined when `between` is not a list */
  readonly sides?: readonly LooseSide[];
  /** 'all' when absent */
  readonly protocol?: string;
  /** '-1/-1' when absent */
  readonly ports?: string;
  readonly region?: string;
  /** 'auto' when absent */
  readonly strategy?: string;
  /** 'both' when absent */
  readonly direction?: string;
  /** 'ipv4' when absent */
  readonly ipVersion?: string;
}

/** `resourceDirectory` as written (absent when not given). */
export interface LooseDirectory {
  readonly path: string;
  /** present when given at all */
  readonly folderIds?: unknown;
  readonly tags?: unknown;
}

export interface LooseConfig {
  readonly resourceDirectory?: LooseDirectory;
  readonly name?: string;
  readonly region?: string;
  readonly roleName?: string;
  readonly maxChangesPerRun?: number;
  readonly maxChangesPerRunTotal?: number;
  readonly deploymentId?: string;
  readonly accounts: readonly LooseAccount[];
  readonly pairings: readonly LoosePairing[];
}

type Obj = Record<string, unknown>;

function asObject(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}

function str(obj: Obj, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

function num(obj: Obj, key: string): number | undefined {
  const value = obj[key];
  return typeof value === 'number' ? value : undefined;
}

function readSide(value: unknown, path: string): LooseSide {
  const obj = asObject(value);
  return {
    path,
    account: str(obj, 'account'),
    securityGroup: str(obj, 'securityGroup'),
    instance: str(obj, 'instance'),
    ...(str(obj, 'securityGroupName') === undefined ? {} : { securityGroupName: str(obj, 'securityGroupName') }),
    ...(obj['tags'] === undefined ? {} : { tags: obj['tags'] }),
    ...(obj['cidrs'] === undefined ? {} : { cidrs: obj['cidrs'] }),
    ...ranges(obj),
    ...(obj['allowPublic'] === true ? { allowPublic: true } : {}),
    ...(num(obj, 'maxMembers') === undefined ? {} : { maxMembers: num(obj, 'maxMembers') }),
  };
}

function ranges(obj: Obj): { allowedMemberRanges?: unknown } {
  return obj['allowedMemberRanges'] === undefined ? {} : { allowedMemberRanges: obj['allowedMemberRanges'] };
}

function readPairing(value: unknown, path: string): LoosePairing {
  const obj = asObject(value);
  const between = obj['between'];
  const sides = Array.isArray(between)
    ? between.map((side, i) => readSide(side, joinPath(joinPath(path, 'between'), i)))
    : undefined;
  // protocol and ports take their defaults when absent, so the ports check sees what normalization will
  const protocol = obj['protocol'] === undefined ? 'all' : str(obj, 'protocol');
  const ports = obj['ports'] === undefined ? '-1/-1' : str(obj, 'ports');
  const strategy = obj['strategy'] === undefined ? 'auto' : str(obj, 'strategy');
  const direction = obj['direction'] === undefined ? 'both' : str(obj, 'direction');
  const ipVersion = obj['ipVersion'] === undefined ? 'ipv4' : str(obj, 'ipVersion');
  const region = str(obj, 'region');
  return { path, name: str(obj, 'name'), sides, protocol, ports, region, strategy, direction, ipVersion };
}

export function readLooseConfig(document: unknown): LooseConfig {
  const root = asObject(document);
  const accounts = Object.entries(asObject(root['accounts'])).map(([alias, value]): LooseAccount => {
    const obj = asObject(value);
    const path = joinPath('accounts', alias);
    const fields = {
      id: str(obj, 'id'),
      roleArn: str(obj, 'roleArn'),
      externalId: str(obj, 'externalId'),
      verifyCommandId: str(obj, 'verifyCommandId'),
    };
    return { path, alias, ...fields, ...ranges(obj) };
  });
  const rawPairings = root['pairings'];
  const pairings = Array.isArray(rawPairings) ? rawPairings.map((p, i) => readPairing(p, joinPath('pairings', i))) : [];
  const rd = root['resourceDirectory'];
  const directory = asObject(rd);
  return {
    ...(rd === undefined
      ? {}
      : {
          resourceDirectory: {
            path: 'resourceDirectory',
            ...(directory['folderIds'] === undefined ? {} : { folderIds: directory['folderIds'] }),
            ...(directory['tags'] === undefined ? {} : { tags: directory['tags'] }),
          },
        }),
    name: str(root, 'name'),
    region: str(root, 'region'),
    roleName: str(root, 'roleName'),
    maxChangesPerRun: num(root, 'maxChangesPerRun'),
    maxChangesPerRunTotal: num(root, 'maxChangesPerRunTotal'),
    deploymentId: str(root, 'deploymentId'),
    accounts,
    pairings,
  };
}
