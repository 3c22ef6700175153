import { BlockList, isIPv6 } from 'node:net';
import { inCidr, parseCidr, parseIpv4 } from './ipv4';
import type { Instance, Rule, SecurityGroup, World } from './world';

/**
 * Whether a packet from one instance reaches another over the intranet: the emulator's own reading
 * of the network (it never shares code with the product's explain). Routing first (same VPC, or
 * VPCs joined by a `vpcConnections` entry), then the receiving instance's security groups, all of
 * them merged:
 * 1. a group both instances are in, with InnerAccessPolicy Accept, lets the packet in whatever the
 *    rules say (ModifySecurityGroupPolicy doc: Accept takes precedence over user-created rules);
 * 2. else the ingress rules that match the packet decide, by priority (1 first), Drop before Accept
 *    at equal priority
 *    (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroup);
 * 3. else it is dropped (default deny; a Drop InnerAccessPolicy only ever isolates).
 * Egress rules are not evaluated: outbound traffic is taken as allowed.
 * Over IPv6 (a destination that is an IPv6 address: `ping -6`, a TCP connect to it) the packet
 * leaves from the sender's first IPv6 address and reaches the instance holding the destination
 * among its IPv6 addresses; Ipv6SourceCidrIp rules match it (SourceCidrIp rules never do), group
 * references alike in both families, and its ICMP is let in by ICMPv6 rules (an ICMP rule is
 * IPv4's). A sender without an IPv6 address reaches nothing over IPv6 (COVERAGE-ecs.md, IPv6 verify).
 */
export type Probe = { protocol: 'icmp' } | { protocol: 'tcp' | 'udp'; port: number };

export type Reachability =
  | { reachable: true; via: 'inner-access'; groupId: string }
  | { reachable: true; via: 'rule'; groupId: string; ruleId: string }
  | { reachable: false; why: 'no-host' | 'no-route' | 'not-running' | 'no-rule' }
  | { reachable: false; why: 'drop-rule'; groupId: string; ruleId: string };

/** The source port a probe leaves from: what a rule with a SourcePortRange is compared with. */
export const PROBE_SOURCE_PORT = 40000;

export function evaluateReachability(world: World, from: Instance, destIp: string, probe: Probe): Reachability {
  const routed = routedVpcs(world, from.vpcId);
  const ipv6 = isIPv6(destIp);
  if (ipv6 && (from.ipv6Addresses ?? []).length === 0) return { reachable: false, why: 'no-route' };
  const candidates = [...world.instances.values()].filter(
    (i) => i.region === from.region && (ipv6 ? holdsIpv6(i, destIp) : i.privateIp === destIp && i.privateIp !== ''),
  );
  const target = candidates.find((i) => i.vpcId === from.vpcId) ?? candidates.find((i) => routed.has(i.vpcId));
  if (!target) return { reachable: false, why: candidates.length > 0 ? 'no-route' : 'no-host' };
  if (target.status !== 'Running') return { reachable: false, why: 'not-running' };

  const groups = target.securityGroupIds
    .map((id) => world.groups.get(id))
    .filter((g): g is SecurityGroup => g !== undefined);
  const shared = groups.find((g) => from.securityGroupIds.includes(g.id) && g.innerAccessPolicy === 'Accept');
  if (shared) return { reachable: true, via: 'inner-access', groupId: shared.id };

  const matching = groups
    .flatMap((g) => g.rules.filter((r) => ruleMatches(r, g, from, target, { ...probe, ipv6 })).map((r) => ({ g, r })))
    .sort(
      (a, b) =>
        a.r.priority - b.r.priority || policyOrder(a.r) - policyOrder(b.r) || a.r.ruleId.localeCompare(b.r.ruleId),
    );
  const first = matching[0];
  if (!first) return { reachable: false, why: 'no-rule' };
  return first.r.policy === 'Drop'
    ? { reachable: false, why: 'drop-rule', groupId: first.g.id, ruleId: first.r.ruleId }
    : { reachable: true, via: 'rule', groupId: first.g.id, ruleId: first.r.ruleId };
}

/** The VPC itself and every VPC a connection (CEN, peering, VPN) joins it to. */
function routedVpcs(world: World, vpcId: string): Set<string> {
  const out = new Set([vpcId]);
  for (const c of world.vpcConnections) {
    if (c.between[0] === vpcId) out.add(c.between[1]);
    if (c.between[1] === vpcId) out.add(c.between[0]);
  }
  return out;
}

function policyOrder(r: Rule): number {
  return r.policy === 'Drop' ? 0 : 1;
}

type Packet = Probe & { readonly ipv6: boolean };

function ruleMatches(r: Rule, group: SecurityGroup, from: Instance, to: Instance, probe: Packet): boolean {
  if (r.direction !== 'ingress' || r.nicType !== 'intranet') return false;
  if (!protocolMatches(r, probe)) return false;
  if (r.destCidrIp !== '' && (probe.ipv6 || !contains(r.destCidrIp, to.privateIp))) return false;
  if (r.sourcePortRange !== '' && !(probe.protocol !== 'icmp' && inRange(r.sourcePortRange, PROBE_SOURCE_PORT)))
    return false;
  if (r.sourceCidrIp !== '') return !probe.ipv6 && contains(r.sourceCidrIp, from.privateIp);
  if (r.ipv6SourceCidrIp) return probe.ipv6 && containsIpv6(r.ipv6SourceCidrIp, from.ipv6Addresses?.[0]);
  if (r.sourceGroupId === '') return false;
  // a group reference is honoured only inside one VPC: it names members, not addresses
  // (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroup)
  const owner = r.sourceGroupOwnerId || group.owner;
  return from.owner === owner && from.securityGroupIds.includes(r.sourceGroupId) && from.vpcId === group.vpcId;
}

function protocolMatches(r: Rule, probe: Packet): boolean {
  const protocol = r.ipProtocol.toUpperCase();
  if (protocol === 'ALL') return true;
  const wanted = probe.protocol === 'icmp' && probe.ipv6 ? 'ICMPV6' : probe.protocol.toUpperCase();
  if (protocol !== wanted) return false;
  return probe.protocol === 'icmp' || inRange(r.portRange, probe.port);
}

function inRange(range: string, port: number): boolean {
  const [from, to] = range.split('/').map(Number);
  return (from === -1 && to === -1) || (port >= from && port <= to);
}

function contains(cidr: string, ip: string): boolean {
  const block = parseCidr(cidr);
  const address = parseIpv4(ip);
  return block !== undefined && address !== undefined && inCidr(address, block);
}

function holdsIpv6(i: Instance, ip: string): boolean {
  return (i.ipv6Addresses ?? []).some((a) => containsIpv6(`${a}/128`, ip));
}

/** An IPv6 address inside a CIDR (an address alone: its /128), compared as numbers by node:net's BlockList. */
function containsIpv6(cidr: string, ip: string | undefined): boolean {
  if (ip === undefined || !isIPv6(ip)) return false;
  const [address = '', prefix = '128'] = cidr.split('/');
  if (!isIPv6(address)) return false;
  const block = new BlockList();
  block.addSubnet(address, Number(prefix), 'ipv6');
  return block.check(ip, 'ipv6');
}
