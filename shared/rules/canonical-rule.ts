import { z } from 'zod';

/**
 * The canonical form of an ingress security group rule: one spelling per meaning, so rule identity
 * is a string key (see rule-key.ts) and diffs are set arithmetic. Schemas double as the parser of a
 * saved plan.
 */
export const ruleProtocols = ['all', 'tcp', 'udp', 'icmp', 'gre', 'icmpv6'] as const;

export const RulePeerSchema = z.discriminatedUnion('kind', [
  /** an IPv4 CIDR; a bare IP is written as its /32 */
  z.strictObject({ kind: z.literal('cidr'), cidr: z.string() }),
  /** another security group, with the UID of the account that owns it */
  z.strictObject({ kind: z.literal('group'), groupId: z.string(), ownerId: z.string() }),
  /** an IPv6 CIDR in RFC 5952 form with its prefix (an address as its /128): the family is the peer's kind */
  z.strictObject({ kind: z.literal('ipv6-cidr'), cidr: z.string() }),
  /** read from the cloud only: never matches a desired rule */
  z.strictObject({ kind: z.literal('prefix-list'), prefixListId: z.string() }),
]);

export const CanonicalRuleSchema = z.strictObject({
  /** the group holding the rule (the receiving group) */
  groupId: z.string(),
  /** UID of the receiving group's owner */
  accountId: z.string(),
  protocol: z.enum(ruleProtocols),
  /** "from/to"; "-1/-1" for every protocol but tcp and udp */
  ports: z.string(),
  peer: RulePeerSchema,
  policy: z.enum(['accept', 'drop']),
  priority: z.number().int(),
  nicType: z.enum(['intranet', 'internet']),
  description: z.string(),
  /** SecurityGroupRuleId, for rules read from the cloud */
  ruleId: z.string().optional(),
  /**
   * Set on rules read from the cloud that must never satisfy a desired rule, with why: quintuple
   * rules (SourcePortRange / DestCidrIp), egress, or fields this code cannot read.
   */
  unmatchable: z.string().optional(),
  /** `egress` for an outbound rule (its peer is the destination: AuthorizeSecurityGroupEgress); absent: ingress */
  direction: z.literal('egress').optional(),
});

export type RuleProtocol = (typeof ruleProtocols)[number];
export type RulePeer = z.infer<typeof RulePeerSchema>;
export type CidrPeer = Extract<RulePeer, { kind: 'cidr' }>;
export type Ipv6CidrPeer = Extract<RulePeer, { kind: 'ipv6-cidr' }>;
export type GroupPeer = Extract<RulePeer, { kind: 'group' }>;
export type CanonicalRule = z.infer<typeof CanonicalRuleSchema>;
