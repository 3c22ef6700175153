import type { PermissionSpec } from '../cloud/port';
import type { CanonicalRule } from '../rules';

/** A canonical rule in the API's wire vocabulary. Group peers carry the owner's numeric UID. */
export function toPermission(rule: CanonicalRule): PermissionSpec {
  const base = {
    IpProtocol: rule.protocol.toUpperCase() === 'ICMPV6' ? 'ICMPv6' : rule.protocol.toUpperCase(),
    PortRange: rule.ports,
    NicType: rule.nicType,
    Policy: rule.policy,
    Priority: String(rule.priority),
    Description: rule.description,
  };
  if (rule.direction === 'egress') return toEgressPermission(rule, base);
  switch (rule.peer.kind) {
    case 'cidr':
      return { ...base, SourceCidrIp: rule.peer.cidr };
    case 'ipv6-cidr':
      return { ...base, Ipv6SourceCidrIp: rule.peer.cidr };
    case 'group':
      return { ...base, SourceGroupId: rule.peer.groupId, SourceGroupOwnerId: rule.peer.ownerId };
    case 'prefix-list':
      // strategy prefix-list: an owned list of the group's own account (apply has put a created list's id in)
      return { ...base, SourcePrefixListId: rule.peer.prefixListId };
  }
}

/** An egress rule's peer is its destination (AuthorizeSecurityGroupEgress: DestCidrIp, Ipv6DestCidrIp, DestGroupId). */
function toEgressPermission(rule: CanonicalRule, base: Omit<PermissionSpec, 'SourceCidrIp'>): PermissionSpec {
  switch (rule.peer.kind) {
    case 'cidr':
      return { ...base, DestCidrIp: rule.peer.cidr };
    case 'ipv6-cidr':
      return { ...base, Ipv6DestCidrIp: rule.peer.cidr };
    case 'group':
      return { ...base, DestGroupId: rule.peer.groupId, DestGroupOwnerId: rule.peer.ownerId };
    default:
      throw new Error(`a ${rule.peer.kind} egress peer is never written by sg-pairing`);
  }
}
