import { z } from 'zod';
import {
  accountIdPattern,
  externalIdPattern,
  instanceIdPattern,
  namePattern,
  portsPattern,
  regionPattern,
  roleArnPattern,
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

function formatted(schema: z.ZodString, pattern: RegExp, description: string) {
  return schema.meta({ pattern: pattern.source, description });
}

export const protocolValues = ['all', 'tcp', 'udp', 'icmp'] as const;
export const directionValues = ['both', 'first-to-second'] as const;

export const AccountSchema = z.strictObject({
  id: formatted(requiredString('account id', ' of digits in quotes, e.g. id: "1111111111111111"'), accountIdPattern, 'account UID (digits, quoted)'),
  roleArn: formatted(requiredString('roleArn'), roleArnPattern, 'role to assume in this account; default acs:ram::<id>:role/<roleName>').optional(),
  externalId: formatted(requiredString('externalId'), externalIdPattern, 'ExternalId sent with AssumeRole').optional(),
});

export const SideSchema = z
  .strictObject({
    account: requiredString('account alias').meta({ description: 'alias from `accounts`' }),
    securityGroup: formatted(requiredString('securityGroup'), securityGroupIdPattern, 'a group side, or the receiving group of an instance side').optional(),
    instance: formatted(requiredString('instance'), instanceIdPattern, 'an instance side: its primary private IP').optional(),
  })
  .meta({ anyOf: [{ required: ['securityGroup'] }, { required: ['instance'] }] });

export const PairingSchema = z.strictObject({
  name: formatted(requiredString('pairing name'), namePattern, 'unique pairing name'),
  between: z.array(SideSchema).meta({ minItems: 2, maxItems: 2, description: 'exactly two sides' }),
  protocol: z.enum(protocolValues).default('all'),
  ports: formatted(requiredString('ports', ' "from/to", e.g. "22/22" or "-1/-1"'), portsPattern, 'from/to; -1/-1 for all and icmp').default('-1/-1'),
  direction: z.enum(directionValues).default('both'),
  priority: z.number({ error: 'priority must be a whole number from 1 (highest) to 100' }).int('priority must be a whole number from 1 (highest) to 100').min(1, 'priority must be from 1 (highest) to 100').max(100, 'priority must be from 1 (highest) to 100').default(1),
  region: formatted(requiredString('region'), regionPattern, 'defaults to the top-level region').optional(),
});

export const RawConfigSchema = z.strictObject({
  version: z.literal(1),
  name: formatted(requiredString('name'), namePattern, 'deployment name; rules it adds carry "sg-pairing:<name>:<pairing>"'),
  region: formatted(requiredString('region'), regionPattern, 'default region, e.g. cn-qingdao'),
  roleName: formatted(requiredString('roleName'), roleNamePattern, 'role assumed in each account').default('sg-pairing'),
  accounts: z.record(z.string(), AccountSchema),
  pairings: z.array(PairingSchema),
});

/** The config as written (before defaults). */
export type RawConfigInput = z.input<typeof RawConfigSchema>;
/** The config after schema parsing (defaults applied, aliases not yet resolved). */
export type RawConfig = z.output<typeof RawConfigSchema>;
export type RawAccount = z.output<typeof AccountSchema>;
export type RawSide = z.output<typeof SideSchema>;
export type RawPairing = z.output<typeof PairingSchema>;
export type PairingProtocol = (typeof protocolValues)[number];
export type PairingDirection = (typeof directionValues)[number];

/** The JSON Schema of the file as written (what `pairings.schema.json` holds). */
export function computeConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(RawConfigSchema, { io: 'input' }),
    title: 'sg-pairing config (pairings.yaml)',
  };
}
