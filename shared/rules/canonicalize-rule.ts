import { ruleProtocols, type CanonicalRule, type RuleProtocol, type RulePeer } from './canonical-rule';
import { canonicalIpv4Cidr, canonicalIpv6Cidr } from '../net';

/**
 * A rule as DescribeSecurityGroupAttribute returns it (Permissions.Permission[i]), wire names kept.
 * Every field is a string and may be empty or absent.
 */
export interface RawPermission {
  readonly SecurityGroupRuleId?: string;
  readonly Direction?: string;
  readonly IpProtocol?: string;
  readonly PortRange?: string;
  readonly SourceCidrIp?: string;
  readonly Ipv6SourceCidrIp?: string;
  readonly SourceGroupId?: string;
  /** the owner's account UID (since 2016), empty for the group's own account */
  readonly SourceGroupOwnerAccount?: string;
  /** not returned by Describe today; read when an adapter fills it */
  readonly SourceGroupOwnerId?: string;
  readonly SourcePrefixListId?: string;
  readonly SourcePortRange?: string;
  readonly DestCidrIp?: string;
  readonly Ipv6DestCidrIp?: string;
  /** egress: the destination group and its owner (DescribeSecurityGroupAttribute), and a destination prefix list */
  readonly DestGroupId?: string;
  readonly DestGroupOwnerAccount?: string;
  readonly DestPrefixListId?: string;
  readonly NicType?: string;
  readonly Policy?: string;
  readonly Priority?: string;
  readonly Description?: string;
}

/** The group a rule was read from. */
export interface RuleHolder {
  readonly accountId: string;
  readonly groupId: string;
}

const anyPort = '-1/-1';

/**
 * The canonical form of a rule read from the cloud: protocol and policy case-folded, a bare IP as
 * its /32, an empty owner as the holder's account, Priority as a number (empty -> 1), empty NicType
 * as intranet, ports "-1/-1" for protocols without ports. Rules this code cannot fully compare
 * (IPv6 or prefix-list sources, quintuple or egress rules, unreadable fields) are kept, marked by
 * their peer kind or by `unmatchable`, so they never satisfy a desired rule.
 */
export function canonicalizeRule(raw: RawPermission, holder: RuleHolder): CanonicalRule {
  const marks: string[] = [];
  const protocolText = text(raw.IpProtocol).toLowerCase();
  const protocol = (ruleProtocols as readonly string[]).includes(protocolText)
    ? (protocolText as RuleProtocol)
    : undefined;
  if (protocol === undefined) marks.push(`protocol "${raw.IpProtocol ?? ''}"`);
  const hasPorts = protocol === 'tcp' || protocol === 'udp';
  const ports = hasPorts ? text(raw.PortRange) : anyPort;
  if (hasPorts && !/^[0-9]+\/[0-9]+$/.test(ports)) marks.push(`ports "${ports}"`);

  const policyText = text(raw.Policy).toLowerCase() || 'accept';
  const policy = policyText === 'drop' ? 'drop' : 'accept';
  if (policyText !== 'accept' && policyText !== 'drop') marks.push(`policy "${raw.Policy ?? ''}"`);

  const priorityText = text(raw.Priority) || '1';
  const priority = /^[0-9]{1,3}$/.test(priorityText) ? Number(priorityText) : 1;
  if (!/^[0-9]{1,3}$/.test(priorityText)) marks.push(`priority "${priorityText}"`);

  const nicType = text(raw.NicType).toLowerCase() === 'internet' ? 'internet' : 'intranet';
  const direction = text(raw.Direction).toLowerCase();
  if (direction === 'egress') marks.push('egress');
  if (text(raw.SourcePortRange) !== '' || text(raw.DestCidrIp) !== '' || text(raw.Ipv6DestCidrIp) !== '')
    marks.push('quintuple');

  const { peer, mark } = canonicalPeer(raw, holder);
  if (mark !== undefined) marks.push(mark);

  const ruleId = text(raw.SecurityGroupRuleId);
  return {
    groupId: holder.groupId,
    accountId: holder.accountId,
    protocol: protocol ?? 'all',
    ports,
    peer,
    policy,
    priority,
    nicType,
    description: raw.Description ?? '',
    ...(ruleId === '' ? {} : { ruleId }),
    ...(marks.length === 0 ? {} : { unmatchable: marks.join(', ') }),
  };
}

/** The API's precedence: SourceCidrIp, then Ipv6SourceCidrIp, then SourceGroupId, then a prefix list. */
function canonicalPeer(raw: RawPermission, holder: RuleHolder): { peer: RulePeer; mark?: string } {
  const cidr = text(raw.SourceCidrIp);
  if (cidr !== '') {
    if (cidr.includes(':')) return ipv6Peer(cidr);
    const canonical = canonicalIpv4Cidr(cidr);
    return canonical === undefined
      ? { peer: { kind: 'cidr', cidr }, mark: `source "${cidr}"` }
      : { peer: { kind: 'cidr', cidr: canonical } };
  }
  const ipv6 = text(raw.Ipv6SourceCidrIp);
  if (ipv6 !== '') return ipv6Peer(ipv6);
  const groupId = text(raw.SourceGroupId);
  if (groupId !== '') {
    const ownerId = text(raw.SourceGroupOwnerAccount) || text(raw.SourceGroupOwnerId) || holder.accountId;
    return { peer: { kind: 'group', groupId, ownerId } };
  }
  const prefixListId = text(raw.SourcePrefixListId);
  if (prefixListId !== '') return { peer: { kind: 'prefix-list', prefixListId } };
  return { peer: { kind: 'cidr', cidr: '' }, mark: 'no source' };
}

/** An IPv6 source in its RFC 5952 form (an address as its /128); unreadable text is kept and marked. */
function ipv6Peer(cidr: string): { peer: RulePeer; mark?: string } {
  const canonical = canonicalIpv6Cidr(cidr);
  return canonical === undefined
    ? { peer: { kind: 'ipv6-cidr', cidr: cidr.toLowerCase() }, mark: `source "${cidr}"` }
    : { peer: { kind: 'ipv6-cidr', cidr: canonical } };
}

function text(value: string | undefined): string {
  return (value ?? '').trim();
}
