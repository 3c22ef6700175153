import { HUB_ACCOUNT_ID, HUB_CREDENTIALS } from './identities';
/**
 * A synthetic fleet for the benches: `accounts` member accounts (plus the hub) sharing one VPC, and
 * `pairings` pairings, half of them group-to-group across two accounts (group references), half of
 * them instance-to-instance inside one account (address rules). Every pairing has groups of its own,
 * so 1,000 pairings touch 2,000 groups. Deterministic.
 */
export interface FleetSpec {
  pairings: number;
  accounts: number;
}

export interface Fleet {
  scenario: Record<string, unknown>;
  configYaml: string;
  /** the least calls a first apply can make (see minimumCalls) */
  minimum: MinimumCalls;
}

export interface MinimumCalls {
  assumeRole: number;
  describeInstances: number;
  /** group types, batches of 100 (the first time a group could receive a group reference) */
  describeSecurityGroups: number;
  /** the record tag's listing (DescribeSecurityGroups by tag): one per account on every full run */
  listTaggedGroups: number;
  describeSecurityGroupAttribute: number;
  /** the CIDR blocks of the VPCs of members sending by address: per account, batches of 20 VPCs (then cached) */
  describeVpcs: number;
  authorizeSecurityGroup: number;
  /** the record tag on the groups a first apply writes: per account, batches of 50 */
  tagResources: number;
  total: number;
}

const uid = (k: number) => String(3000000000000000 + k);

export function buildFleet(spec: FleetSpec): Fleet {
  const accounts = Array.from({ length: spec.accounts }, (_, k) => uid(k));
  const groups: Record<string, unknown>[] = [];
  const instances: Record<string, unknown>[] = [];
  const pairings: string[] = [];
  const groupsNeedingType = new Map<string, number>();
  const instancesPerAccount = new Map<string, number>();
  const groupsWritten = new Map<string, number>();
  const written = (account: string, n: number) => groupsWritten.set(account, (groupsWritten.get(account) ?? 0) + n);
  const used = new Set<string>();
  for (let p = 0; p < spec.pairings; p++) {
    const a = accounts[p % spec.accounts];
    const b = accounts[(p + 1) % spec.accounts];
    const g1 = `sg-f${p}a`;
    const g2 = `sg-f${p}b`;
    if (p % 2 === 0) {
      groups.push({ id: g1, owner: a, vpc: 'vpc-fleet' }, { id: g2, owner: b, vpc: 'vpc-fleet' });
      pairings.push(
        `  - { name: g${p}, between: [{ account: a${a}, securityGroup: ${g1} }, { account: a${b}, securityGroup: ${g2} }] }`,
      );
      groupsNeedingType.set(a, (groupsNeedingType.get(a) ?? 0) + 1);
      groupsNeedingType.set(b, (groupsNeedingType.get(b) ?? 0) + 1);
      written(a, 1);
      written(b, 1);
      used.add(a).add(b);
    } else {
      const ip = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      groups.push({ id: g1, owner: a, vpc: 'vpc-fleet' }, { id: g2, owner: a, vpc: 'vpc-fleet' });
      instances.push({ id: `i-f${p}a`, owner: a, vpc: 'vpc-fleet', privateIp: ip(2 * p + 10), securityGroups: [g1] });
      instances.push({ id: `i-f${p}b`, owner: a, vpc: 'vpc-fleet', privateIp: ip(2 * p + 11), securityGroups: [g2] });
      pairings.push(
        `  - { name: i${p}, between: [{ account: a${a}, instance: i-f${p}a }, { account: a${a}, instance: i-f${p}b }] }`,
      );
      instancesPerAccount.set(a, (instancesPerAccount.get(a) ?? 0) + 2);
      written(a, 2);
      used.add(a);
    }
  }
  const scenario = {
    region: 'cn-qingdao',
    accounts: [
      {
        id: HUB_ACCOUNT_ID,
        name: 'hub@aliyun.com',
        accessKeys: [{ id: HUB_CREDENTIALS.accessKeyId, secret: HUB_CREDENTIALS.accessKeySecret }],
      },
      ...accounts.map((id) => ({
        id,
        name: `${id}@aliyun.com`,
        roles: [{ name: 'sg-pairing', trust: [HUB_ACCOUNT_ID] }],
      })),
    ],
    vpcs: [{ id: 'vpc-fleet', owner: accounts[0], cidr: '10.0.0.0/8', sharedWith: accounts.slice(1) }],
    securityGroups: groups,
    instances,
  };
  const aliases = [...used].sort().map((id) => `  a${id}: { id: "${id}" }`);
  const configYaml = [
    'version: 1',
    'name: bench',
    'region: cn-qingdao',
    'maxChangesPerRun: 100000',
    'accounts:',
    ...aliases,
    'pairings:',
    ...pairings,
    '',
  ].join('\n');
  const sum = (m: Map<string, number>, batch = 100) => [...m.values()].reduce((x, n) => x + Math.ceil(n / batch), 0);
  const minimum = {
    assumeRole: used.size,
    describeInstances: sum(instancesPerAccount),
    describeSecurityGroups: sum(groupsNeedingType),
    listTaggedGroups: used.size,
    describeSecurityGroupAttribute: groups.length,
    describeVpcs: instancesPerAccount.size, // every account's instances are in the one VPC
    authorizeSecurityGroup: groups.length, // every group receives one rule on a first apply
    tagResources: sum(groupsWritten, 50),
    total: 0,
  };
  minimum.total = totalOf(minimum);
  return { scenario, configYaml, minimum };
}

/**
 * A dense fleet: one account, `groupCount` groups, `pairings` instance-to-instance pairings whose
 * instances sit in few groups, so each group receives many rules (the per-rule way's worst case).
 */
export function buildDenseFleet(pairings: number, groupCount: number): Fleet {
  const account = uid(0);
  const ip = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const groups = Array.from({ length: groupCount }, (_, g) => ({ id: `sg-d${g}`, owner: account, vpc: 'vpc-fleet' }));
  const instances: Record<string, unknown>[] = [];
  const lines: string[] = [];
  const received = new Map<string, number>();
  for (let p = 0; p < pairings; p++) {
    const [ga, gb] = [`sg-d${p % groupCount}`, `sg-d${(p + 1) % groupCount}`];
    instances.push({
      id: `i-d${p}a`,
      owner: account,
      vpc: 'vpc-fleet',
      privateIp: ip(2 * p + 10),
      securityGroups: [ga],
    });
    instances.push({
      id: `i-d${p}b`,
      owner: account,
      vpc: 'vpc-fleet',
      privateIp: ip(2 * p + 11),
      securityGroups: [gb],
    });
    lines.push(
      `  - { name: d${p}, between: [{ account: a, instance: i-d${p}a }, { account: a, instance: i-d${p}b }] }`,
    );
    received.set(ga, (received.get(ga) ?? 0) + 1).set(gb, (received.get(gb) ?? 0) + 1);
  }
  const scenario = {
    region: 'cn-qingdao',
    accounts: [
      {
        id: HUB_ACCOUNT_ID,
        name: 'hub@aliyun.com',
        accessKeys: [{ id: HUB_CREDENTIALS.accessKeyId, secret: HUB_CREDENTIALS.accessKeySecret }],
      },
      { id: account, name: 'dense@aliyun.com', roles: [{ name: 'sg-pairing', trust: [HUB_ACCOUNT_ID] }] },
    ],
    vpcs: [{ id: 'vpc-fleet', owner: account, cidr: '10.0.0.0/8', sharedWith: [] }],
    securityGroups: groups,
    instances,
  };
  const configYaml = [
    'version: 1',
    'name: bench',
    'region: cn-qingdao',
    'maxChangesPerRun: 100000',
    'accounts:',
    `  a: { id: "${account}" }`,
    'pairings:',
    ...lines,
    '',
  ].join('\n');
  const minimum = {
    assumeRole: 1,
    describeInstances: Math.ceil(instances.length / 100),
    describeSecurityGroups: 0,
    listTaggedGroups: 1,
    describeSecurityGroupAttribute: groupCount,
    describeVpcs: 1,
    authorizeSecurityGroup: [...received.values()].reduce((x, n) => x + Math.ceil(n / 100), 0),
    tagResources: Math.ceil(received.size / 50),
    total: 0,
  };
  minimum.total = totalOf(minimum);
  return { scenario, configYaml, minimum };
}

function totalOf(m: Omit<MinimumCalls, 'total'>): number {
  return (
    m.assumeRole +
    m.describeInstances +
    m.describeSecurityGroups +
    m.listTaggedGroups +
    m.describeSecurityGroupAttribute +
    m.describeVpcs +
    m.authorizeSecurityGroup +
    m.tagResources
  );
}

/** The least calls a converged sweep can make (sessions and group types held): instances, the record's listing, each group's rules. */
export function convergedMinimum(m: MinimumCalls): number {
  return m.describeInstances + m.listTaggedGroups + m.describeSecurityGroupAttribute;
}
