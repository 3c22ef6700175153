import { ipv4CidrsOverlap, ipv6CidrsOverlap, parseIpv4Cidr, parseIpv6Cidr } from '../net';
import type { RulePeer } from './canonical-rule';
import { trafficOf, type Traffic } from './traffic';

/** An address family of the traffic evaluated: IPv4 (every pairing) or IPv6 (ipVersion ipv6 | dual). */
export type IpFamily = 'ipv4' | 'ipv6';

/**
 * What a rule covers of one family's traffic. The traffic model names ICMP `icmp` in both
 * families: over IPv6 it is an `ICMPv6` rule that carries it (AuthorizeSecurityGroup IpProtocol,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroup),
 * and an IPv4 `icmp` rule covers nothing; over IPv4 an `icmpv6` rule covers nothing.
 */
export function ruleTrafficIn(protocol: string, ports: string, family: IpFamily): Traffic {
  const p = protocol.toLowerCase();
  if (p === 'icmpv6') return family === 'ipv6' ? trafficOf('icmp', ports) : [];
  if (p === 'icmp' && family === 'ipv6') return [];
  return trafficOf(p, ports);
}

/**
 * Whether an address of `family` lies in an address peer: an IPv4 CIDR matches IPv4 addresses
 * only, an IPv6 CIDR IPv6 ones only ('no' for the other family); a /0 of the family matches any
 * address, known or not; 'unknown' when the address is not known. Group and prefix-list peers: 'no'.
 */
export function addressPeerMatches(peer: RulePeer, ip: string | undefined, family: IpFamily): 'yes' | 'no' | 'unknown' {
  if (peer.kind === 'cidr' && family === 'ipv4') {
    const cidr = parseIpv4Cidr(peer.cidr);
    if (cidr === undefined) return 'no';
    if (cidr.prefix === 0) return 'yes';
    const address = ip === undefined ? undefined : parseIpv4Cidr(ip);
    if (address === undefined) return 'unknown';
    return ipv4CidrsOverlap(cidr, address) ? 'yes' : 'no';
  }
  if (peer.kind === 'ipv6-cidr' && family === 'ipv6') {
    const cidr = parseIpv6Cidr(peer.cidr);
    if (cidr === undefined) return 'no';
    if (cidr.prefix === 0) return 'yes';
    const address = ip === undefined ? undefined : parseIpv6Cidr(ip);
    if (address === undefined) return 'unknown';
    return ipv6CidrsOverlap(cidr, address) ? 'yes' : 'no';
  }
  return 'no';
}
