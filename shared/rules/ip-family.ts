import type { NormalizedPairing, PairingSide } from '../config';
import { canonicalIpv6Cidr } from '../net';
import type { CidrPeer, GroupPeer, Ipv6CidrPeer, RuleProtocol, RulePeer } from './canonical-rule';
import type { InstanceFacts } from './facts';
import { block, type PairingBlock } from './pairing-block';

/** The families a pairing writes rules for: IPv4 unless it asks for `ipVersion: ipv6 | dual`. */
export function familiesOf(pairing: NormalizedPairing): { ipv4: boolean; ipv6: boolean } {
  return { ipv4: pairing.ipVersion !== 'ipv6', ipv6: pairing.ipVersion !== undefined };
}

/** The note of members sending by address that have no IPv6 address (a pairing asking for IPv6). */
export const NO_IPV6_ADDRESS = 'NoIpv6Address';

/** A source's peers in the pairing's families, and the members left out for want of an IPv6 address. */
export interface FamilyPeers {
  readonly peers: readonly (CidrPeer | GroupPeer | Ipv6CidrPeer)[];
  readonly withoutIpv6: readonly InstanceFacts[];
}

/**
 * Pure: the peers a source sends from in the pairing's families. A group reference is
 * family-neutral and a configured range (strategy cidr) is IPv4: both are kept as they are. Address
 * peers (`admitted`: the members whose IPv4 address passed admitMemberAddresses, so an IPv6 address
 * is opened only for a member already admitted) become each member's IPv6 addresses as /128s
 * (ipv6), or those besides the IPv4 /32s (dual).
 */
export function familyPeers(
  pairing: NormalizedPairing,
  peers: readonly (CidrPeer | GroupPeer)[],
  admitted: readonly InstanceFacts[] | undefined,
): FamilyPeers {
  const families = familiesOf(pairing);
  if (!families.ipv6 || admitted === undefined) return { peers, withoutIpv6: [] };
  const ipv6 = new Set<string>();
  const withoutIpv6: InstanceFacts[] = [];
  for (const member of admitted) {
    const cidrs = (member.ipv6Addresses ?? []).map(canonicalIpv6Cidr).filter((c): c is string => c !== undefined);
    if (cidrs.length === 0) withoutIpv6.push(member);
    for (const cidr of cidrs) ipv6.add(cidr);
  }
  const ipv6Peers = [...ipv6].sort().map((cidr): Ipv6CidrPeer => ({ kind: 'ipv6-cidr', cidr }));
  return { peers: families.ipv4 ? [...peers, ...ipv6Peers] : ipv6Peers, withoutIpv6 };
}

/**
 * The protocols of the rules for one peer: `icmp` is ICMPv6 for an IPv6 source (the API's
 * IpProtocol `ICMPv6`, AuthorizeSecurityGroup:
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroup),
 * and a group reference, family-neutral in itself, takes the ICMP of each family the pairing asks
 * for. Every other protocol is one rule whatever the family.
 */
export function protocolsFor(pairing: NormalizedPairing, peer: RulePeer): RuleProtocol[] {
  if (pairing.protocol !== 'icmp') return [pairing.protocol];
  if (peer.kind === 'ipv6-cidr') return ['icmpv6'];
  if (peer.kind !== 'group') return ['icmp'];
  const families = familiesOf(pairing);
  return [...(families.ipv4 ? (['icmp'] as const) : []), ...(families.ipv6 ? (['icmpv6'] as const) : [])];
}

/** An instance side asked to send over IPv6 alone with no IPv6 address: blocked, with the way out. */
export function instanceWithoutIpv6(side: PairingSide, instance: InstanceFacts): PairingBlock {
  return block(
    'InstanceWithoutIpv6',
    `instance ${instance.instanceId} has no IPv6 address and the pairing asks for ipVersion ipv6: assign it one (AssignIpv6Addresses, in a VPC with IPv6 enabled) or set ipVersion ipv4`,
    { accountId: side.accountId, instanceId: instance.instanceId },
  );
}

/** The note naming the members a side sends from with no IPv6 address, and the way out. */
export function describeWithoutIpv6(pairing: NormalizedPairing, members: readonly InstanceFacts[]): string {
  const ids = members.map((m) => m.instanceId).join(', ');
  const what = pairing.ipVersion === 'dual' ? 'opened over IPv4 only' : 'not opened';
  return `instance(s) ${ids} have no IPv6 address: ${what}; assign them IPv6 addresses (AssignIpv6Addresses) or set ipVersion ipv4`;
}
