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
  switch (rule.peer.kind) {
    case 'cidr':
      return { ...base, SourceCidrIp: rule.peer.cidr };
    case 'group':
      return { ...base, SourceGroupId: rule.peer.groupId, SourceGroupOwnerId: rule.peer.ownerId };
    case 'prefix-list':
      // strategy prefix-list: an owned list of the group's own account (apply has put a created list's id in)
      return { ...base, SourcePrefixListId: rule.peer.prefixListId };
    default:
      throw new Error(`a ${rule.peer.kind} peer is never written by sg-pairing`);
  }
}
