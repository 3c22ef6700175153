import { isIPv6 } from 'node:net';
import { z } from 'zod';
import { ramPolicySchema } from '../ram/policy-document';

/**
 * The scenario file format (a contract: extend with optional keys, never change). Unknown keys are
 * rejected so a typo fails loudly instead of silently seeding less than intended.
 */
const uid = z
  .string({
    error: (i) =>
      i.input === undefined
        ? 'required'
        : 'must be a quoted string of digits (YAML reads unquoted 16-digit ids as numbers)',
  })
  .regex(/^\d{1,20}$/, 'an account UID is a string of digits');
const id = (prefix: string) => z.string().min(1).max(128).describe(`${prefix} id`);
const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const cidr = z.string().refine((s) => {
  const [ip, bits, ...rest] = s.split('/');
  return rest.length === 0 && ipv4.test(ip) && (bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32));
}, 'expected an IPv4 address or CIDR such as 10.0.0.0/16');
const caseless = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => values.find((v) => v.toLowerCase() === s.toLowerCase()) ?? s)
    .pipe(z.enum(values, { error: `expected one of ${values.join(', ')} (any case)` }));

export const roleSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9.@_-]{1,64}$/, 'a role name is 1-64 letters, digits, . @ _ -'),
  trust: z.array(uid).default([]),
  externalId: z
    .string()
    .regex(/^[\w+=,.@:/-]{2,1224}$/, 'an ExternalId is 2-1224 characters of [\\w+=,.@:/-]')
    .optional(),
  maxSessionDuration: z.number().int().min(900).max(43_200).default(3600),
  /** a RAM permission policy enforced on the role's sessions (emulator/ram); absent = full access */
  policy: ramPolicySchema.optional(),
});

export const accountSchema = z.strictObject({
  id: uid,
  name: z.string().min(1),
  accessKeys: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        secret: z.string().min(1),
        /**
         * whose key: a RAM user's (the default: what a deployment's hub key should be) or the account's
         * own root AccessKey, which STS refuses to let assume roles (NoPermission)
         */
        kind: z.enum(['ram-user', 'root']).default('ram-user'),
      }),
    )
    .default([]),
  roles: z.array(roleSchema).default([]),
});

export const vpcSchema = z.strictObject({
  id: id('vpc'),
  owner: uid,
  /** the primary CIDR block (DescribeVpcs CidrBlock) */
  cidr,
  /** DescribeVpcs SecondaryCidrBlocks; instances may take addresses in them too */
  secondaryCidrs: z.array(cidr).default([]),
  /** DescribeVpcs UserCidrs (ranges the VPC's owner declared as its own) */
  userCidrs: z.array(cidr).default([]),
  sharedWith: z.array(uid).default([]),
});

export const ruleSchema = z.strictObject({
  direction: z.enum(['ingress', 'egress']).default('ingress'),
  ipProtocol: caseless(['TCP', 'UDP', 'ICMP', 'ICMPv6', 'GRE', 'ALL']),
  portRange: z.string().regex(/^-?\d{1,5}\/-?\d{1,5}$/, 'expected from/to, e.g. 22/22 or -1/-1'),
  sourceCidrIp: cidr.optional(),
  sourceGroupId: z.string().min(1).optional(),
  sourceGroupOwnerId: uid.optional(),
  destCidrIp: cidr.optional(),
  policy: caseless(['Accept', 'Drop']).default('Accept'),
  priority: z.number().int().min(1).max(100).default(1),
  description: z.string().max(512).default(''),
});

export const groupSchema = z.strictObject({
  id: id('security group'),
  owner: uid,
  vpc: id('vpc'),
  type: z.enum(['normal', 'enterprise']).default('normal'),
  name: z.string().optional(),
  description: z.string().default(''),
  innerAccessPolicy: caseless(['Accept', 'Drop']).default('Accept'),
  rules: z.array(ruleSchema).default([]),
  /** as TagResources would leave them (ResourceType securitygroup) */
  tags: z.record(z.string(), z.string()).default({}),
});

export const instanceSchema = z.strictObject({
  id: id('instance'),
  owner: uid,
  vpc: id('vpc'),
  privateIp: z.string().regex(ipv4, 'expected an IPv4 address'),
  /** IPv6 addresses of its primary network interface (checked with node:net isIPv6) */
  ipv6Addresses: z.array(z.string().refine((a) => isIPv6(a), 'expected an IPv6 address')).optional(),
  securityGroups: z.array(z.string().min(1)).min(1, 'an instance belongs to at least one security group'),
  tags: z.record(z.string(), z.string()).default({}),
  status: z.enum(['Pending', 'Starting', 'Running', 'Stopping', 'Stopped']).default('Running'),
  name: z.string().optional(),
  zoneId: z.string().optional(),
});

export const vpcConnectionSchema = z.strictObject({
  between: z.tuple([id('vpc'), id('vpc')]),
  kind: z.enum(['cen', 'peering', 'vpn']),
});

export const scenarioSchema = z.strictObject({
  region: z
    .string()
    .regex(/^[a-z]+-[a-z0-9-]+$/, 'expected a region id such as cn-qingdao')
    .default('cn-qingdao'),
  limits: z
    .strictObject({
      maxRulesPerGroup: z.number().int().min(1).optional(),
      maxGroupReferences: z.number().int().min(0).optional(),
      maxGroupsPerInstance: z.number().int().min(1).optional(),
    })
    .default({}),
  accounts: z.array(accountSchema).default([]),
  vpcs: z.array(vpcSchema).default([]),
  securityGroups: z.array(groupSchema).default([]),
  instances: z.array(instanceSchema).default([]),
  /** VPCs routed to each other through CEN, VPC peering or a VPN gateway; without one, only same-VPC traffic flows */
  vpcConnections: z.array(vpcConnectionSchema).default([]),
  /** OSS buckets (names global, one owner each) and EventBridge custom buses runs are delivered to (COVERAGE-oss.md) */
  buckets: z
    .array(z.strictObject({ owner: uid, name: z.string().regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/) }))
    .default([]),
  eventBuses: z.array(z.strictObject({ owner: uid, name: z.string().min(1) })).default([]),
});

/** A validated scenario, defaults filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** What a scenario file or object may say (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
