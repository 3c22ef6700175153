import { z } from 'zod';
import {
  accountIdPattern,
  commandIdPattern,
  deploymentIdPattern,
  externalIdPattern,
  folderIdPattern,
  instanceIdPattern,
  namePattern,
  portsPattern,
  regionPattern,
  roleArnPattern,
  securityGroupNamePattern,
  roleNamePattern,
  securityGroupIdPattern,
} from './patterns';

/**
 * The config file as written (the contract). Objects are strict: an unknown key is an error.
 * Formats (IDs, names, ARNs) are checked by the named semantic checks in ./checks, which give each
 * its own diagnostic code; here they only annotate the JSON Schema (`pattern`) for editors.
 */

function requiredString(what: string, hint = '') {
  return z.string({
    error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a string${hint}`),
  });
}

function wholeNumber(what: string, min: number) {
  const message = `${what} must be a whole number >= ${min}`;
  return z.number({ error: message }).int(message).min(min, message);
}

function formatted(schema: z.ZodString, pattern: RegExp, description: string) {
  return schema.meta({ pattern: pattern.source, description });
}

export const protocolValues = ['all', 'tcp', 'udp', 'icmp'] as const;
export const directionValues = ['both', 'first-to-second'] as const;
/** how a sending side is written into the other side's rules (docs/configuration.md "Strategies") */
export const strategyValues = ['auto', 'group', 'addresses', 'cidr', 'prefix-list'] as const;
export const ipVersionValues = ['ipv4', 'ipv6', 'dual'] as const;
export const egressValues = ['check', 'manage'] as const;
/** owned: revoke this deployment's rules that are no longer desired; off: only report them */
export const pruneValues = ['owned', 'off'] as const;
/** enforce: write what the plan says; audit: plan and report (Drift), never write (docs/configuration.md "Audit mode") */
export const modeValues = ['enforce', 'audit'] as const;

function modeOf(scope: string) {
  return z.enum(modeValues).meta({
    description: `${scope}: enforce writes the plan; audit only reports it (status Drift) and never writes; see docs/configuration.md "Audit mode"`,
  });
}

/** Declared ranges a member's address may lie in besides the private ones (docs/configuration.md "Member addresses"). */
function memberRanges(whose: string) {
  return z
    .array(requiredString('cidr'))
    .meta({
      description: `IPv4 ranges the members ${whose} may send from besides the private ones (10/8, 172.16/12, 192.168/16, 100.64/10); each address must still lie in its VPC's CIDR blocks`,
    })
    .optional();
}

export const AccountSchema = z.strictObject({
  id: formatted(
    requiredString('account id', ' of digits in quotes, e.g. id: "1111111111111111"'),
    accountIdPattern,
    'account UID (digits, quoted)',
  ),
  roleArn: formatted(
    requiredString('roleArn'),
    roleArnPattern,
    'role to assume in this account; default acs:ram::<id>:role/<roleName>',
  ).optional(),
  externalId: formatted(requiredString('externalId'), externalIdPattern, 'ExternalId sent with AssumeRole').optional(),
  verifyCommandId: formatted(
    requiredString('verifyCommandId'),
    commandIdPattern,
    "this account's sg-pairing verify command (Cloud Assistant, c-...): the policy from `iam` may invoke only it",
  ).optional(),
  allowedMemberRanges: memberRanges('of every side in this account'),
  mode: modeOf('pairings writing into this account (unless a pairing sets its own)').optional(),
});

export const SideSchema = z
  .strictObject({
    account: requiredString('account alias').meta({
      description:
        'alias from `accounts`, or "*": a fleet side, that side in every declared and discovered account (tags and/or securityGroupName)',
    }),
    securityGroup: formatted(
      requiredString('securityGroup'),
      securityGroupIdPattern,
      'a group side, or the receiving group of an instance or tag side',
    ).optional(),
    instance: formatted(
      requiredString('instance'),
      instanceIdPattern,
      'an instance side: its primary private IP',
    ).optional(),
    tags: z
      .record(z.string(), z.string({ error: 'a tag value must be a string (quote it)' }))
      .meta({ description: 'a tag side: every Running instance of the account in the region carrying all these tags' })
      .optional(),
    cidrs: z
      .array(requiredString('cidr'))
      .meta({
        description: 'with strategy cidr: the IPv4 ranges this side sends from (e.g. its VPC or vSwitch CIDR)',
        minItems: 1,
      })
      .optional(),
    allowedMemberRanges: memberRanges('of this side'),
    allowPublic: z
      .boolean({ error: 'allowPublic must be true or false' })
      .meta({ description: '`cidrs` may name ranges outside the private and declared ones (e.g. 0.0.0.0/0)' })
      .optional(),
    maxMembers: wholeNumber('maxMembers', 1)
      .meta({
        description:
          'a group or tag side resolving to more members than this has its pairing refused (additions only; reported with the count)',
      })
      .optional(),
    securityGroupName: formatted(
      requiredString('securityGroupName'),
      securityGroupNamePattern,
      "fleet sides only: the security group of this name in each account (found at run time, in the pairing's region); with `tags`, the group those instances receive in",
    ).optional(),
  })
  .meta({
    anyOf: [
      { required: ['securityGroup'] },
      { required: ['instance'] },
      { required: ['tags'] },
      { required: ['securityGroupName'] },
    ],
    not: { required: ['instance', 'tags'] },
  });

export const PairingSchema = z.strictObject({
  name: formatted(requiredString('pairing name'), namePattern, 'unique pairing name'),
  between: z.array(SideSchema).meta({ minItems: 2, maxItems: 2, description: 'exactly two sides' }),
  protocol: z.enum(protocolValues).default('all'),
  ports: formatted(
    requiredString('ports', ' "from/to", e.g. "22/22" or "-1/-1"'),
    portsPattern,
    'from/to; -1/-1 for all and icmp',
  ).default('-1/-1'),
  direction: z.enum(directionValues).default('both'),
  priority: z
    .number({ error: 'priority must be a whole number from 1 (highest) to 100' })
    .int('priority must be a whole number from 1 (highest) to 100')
    .min(1, 'priority must be from 1 (highest) to 100')
    .max(100, 'priority must be from 1 (highest) to 100')
    .default(1),
  region: formatted(requiredString('region'), regionPattern, 'defaults to the top-level region').optional(),
  strategy: z.enum(strategyValues).default('auto').meta({
    description:
      "auto (default): a group reference where one works, else addresses; group; addresses: one rule per member IP; cidr: the sides' `cidrs`; prefix-list: the members' IPs in one owned prefix list per sending side, one rule per receiving group (one account only; auto never picks it)",
  }),
  prune: z.enum(pruneValues).meta({ description: 'overrides the top-level prune for this pairing' }).optional(),
  mode: modeOf('this pairing (wins over its accounts and the top level)').optional(),
  verify: z
    .boolean({ error: 'verify must be true or false' })
    .meta({
      description:
        'opt in to reachability probes through ECS Cloud Assistant (the fixed verify command, InvokeCommand) for this pairing: POST /verify and the InvokeCommand grant of `iam`',
    })
    .optional(),
  ipVersion: z
    .enum(ipVersionValues)
    .meta({
      description:
        "ipv4 (default): IPv4 rules only; ipv6: address sides send their instances' IPv6 addresses (Ipv6SourceCidrIp), icmp becomes ICMPv6; dual: both families. Group references are family-neutral",
    })
    .optional(),
  egress: z
    .enum(egressValues)
    .meta({
      description:
        "check (default): plan warns EgressBlocked when a sender's groups refuse the traffic outbound; manage: also add the matching owned egress accept rules in the sender's group (AuthorizeSecurityGroupEgress), pruned like ingress",
    })
    .optional(),
});

/** Where discovered accounts come from, and how their role is named (docs/configuration.md "Resource Directory"). */
export const ResourceDirectorySchema = z.strictObject({
  folderIds: z
    .array(formatted(requiredString('folder id'), folderIdPattern, 'a Resource Directory folder (fd-...)'))
    .meta({
      description:
        'the folders whose direct members are discovered (ListAccountsForParent); absent: every member of the directory (ListAccounts)',
      minItems: 1,
    })
    .optional(),
  tags: z
    .record(z.string(), z.string({ error: 'a tag value must be a string (quote it)' }))
    .meta({ description: 'only the members carrying all these member tags' })
    .optional(),
  roleName: formatted(
    requiredString('roleName'),
    roleNamePattern,
    'the role assumed in a discovered account; default the top-level roleName',
  ).optional(),
  externalId: formatted(
    requiredString('externalId'),
    externalIdPattern,
    'ExternalId sent with AssumeRole to a discovered account',
  ).optional(),
});

export const RawConfigSchema = z.strictObject({
  version: z.literal(1),
  name: formatted(
    requiredString('name'),
    namePattern,
    'deployment name; rules it adds carry "sg-pairing:<name>:<pairing>"',
  ),
  region: formatted(requiredString('region'), regionPattern, 'default region, e.g. cn-qingdao'),
  roleName: formatted(requiredString('roleName'), roleNamePattern, 'role assumed in each account').default(
    'sg-pairing',
  ),
  accounts: z.record(z.string(), AccountSchema),
  pairings: z.array(PairingSchema),
  prune: z.enum(pruneValues).default('owned').meta({
    description:
      'owned (default): revoke rules this deployment added that are no longer desired; off: only report them',
  }),
  mode: modeOf('default of every pairing (default enforce)').default('enforce'),
  maxChangesPerRun: wholeNumber('maxChangesPerRun', 0)
    .meta({
      description:
        'per pairing: a pairing that would add more rules than this in one run has its additions refused (its revocations go on); default 200',
    })
    .optional(),
  maxChangesPerRunTotal: wholeNumber('maxChangesPerRunTotal', 0)
    .meta({
      description:
        'run-wide ceiling on adds + revokes: over it every addition is refused, and a run whose revocations alone exceed it writes nothing; default maxChangesPerRun when that is set, else 500',
    })
    .optional(),
  resourceDirectory: ResourceDirectorySchema.meta({
    description:
      'discover member accounts of the hub\'s Resource Directory at each full run; fleet sides (account "*") then cover them too',
  }).optional(),
  deploymentId: formatted(
    requiredString('deploymentId'),
    deploymentIdPattern,
    'this deployment\'s id, carried in its rule markers (sg-pairing:<name>:<pairing>:<id>) and record tag value (owned:<id>), so a run tells its rules from those of another deployment reusing the name; see docs/configuration.md "Deployment identity"',
  ).optional(),
});

/** The config as written (before defaults). */
export type RawConfigInput = z.input<typeof RawConfigSchema>;
/** The config after schema parsing (defaults applied, aliases not yet resolved). */
export type RawConfig = z.output<typeof RawConfigSchema>;
export type RawAccount = z.output<typeof AccountSchema>;
export type RawSide = z.output<typeof SideSchema>;
export type RawPairing = z.output<typeof PairingSchema>;
export type RawResourceDirectory = z.output<typeof ResourceDirectorySchema>;
export type PairingProtocol = (typeof protocolValues)[number];
export type PairingDirection = (typeof directionValues)[number];
export type PairingStrategy = (typeof strategyValues)[number];
export type PruneMode = (typeof pruneValues)[number];
export type PairingMode = (typeof modeValues)[number];
export type PairingIpVersion = (typeof ipVersionValues)[number];

/** The JSON Schema of the file as written (what `pairings.schema.json` holds). */
export function computeConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(RawConfigSchema, { io: 'input' }),
    title: 'sg-pairing config (pairings.yaml)',
  };
}
