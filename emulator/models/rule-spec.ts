import { isIPv6 } from 'node:net';
import { apiError } from '../errors/api-errors';
import { parseCidr } from './ipv4';
import type { Scope } from './scope';
import type { Rule, SecurityGroup } from './world';

/** A rule as a request asks for it: everything but the id and the times the service assigns. */
export type RuleSpec = Omit<Rule, 'ruleId' | 'createTime' | 'visibleAt'>;

/** One permission of a request, keyed by its wire field names (IpProtocol, PortRange, ...). */
export type RawPermission = Record<string, string | undefined>;

const PROTOCOLS: Record<string, string> = {
  tcp: 'TCP',
  udp: 'UDP',
  icmp: 'ICMP',
  gre: 'GRE',
  all: 'ALL',
  icmpv6: 'ICMPv6',
};

const missing = (field: string) =>
  apiError(
    'MissingParameter',
    `The input parameter "${field}" that is mandatory for processing this request is not supplied.`,
  );
const unsupported = (field: string) =>
  apiError('InvalidParameter', `The parameter "${field}" is not supported by the emulator.`);

/**
 * Validates one permission the way AuthorizeSecurityGroup does and fills in the defaults
 * (Policy accept, Priority 1, NicType intranet for VPC groups). A CIDR source wins over a group
 * source; a group source's owner is SourceGroupOwnerId, else SourceGroupOwnerAccount (a UID, or an
 * account name), else the caller. Whether that group exists is checked elsewhere.
 */
export function normalizePermission(
  scope: Scope,
  group: SecurityGroup,
  direction: Rule['direction'],
  raw: RawPermission,
): RuleSpec {
  const given = (k: string): string | undefined => (raw[k] === undefined || raw[k] === '' ? undefined : raw[k]);
  const protocolText = given('IpProtocol');
  if (protocolText === undefined) throw missing('IpProtocol');
  const ipProtocol = PROTOCOLS[protocolText.toLowerCase()];
  if (!ipProtocol) throw apiError('InvalidIpProtocol.ValueNotSupported');
  const portRange = given('PortRange');
  if (portRange === undefined) throw given('PortRangeListId') ? unsupported('PortRangeListId') : missing('PortRange');
  checkPortRange(ipProtocol, portRange);
  const sourcePortRange = given('SourcePortRange') ?? '';
  if (sourcePortRange) checkPortRange(ipProtocol, sourcePortRange);
  if (given('Ipv6DestCidrIp')) throw unsupported('Ipv6DestCidrIp');

  const sourceCidrIp = given('SourceCidrIp') ?? '';
  if (sourceCidrIp && !parseCidr(sourceCidrIp)) throw apiError('InvalidSourceCidrIp.Malformed');
  const ipv6SourceCidrIp = sourceCidrIp ? '' : ipv6Cidr(group, given('Ipv6SourceCidrIp'), 'Ipv6SourceCidrIp');
  const sourceGroupId = sourceCidrIp || ipv6SourceCidrIp ? '' : (given('SourceGroupId') ?? '');
  // a prefix list source (models/prefix-lists.ts): one source per rule, so only when no CIDR nor group is given
  const sourcePrefixListId =
    sourceCidrIp || ipv6SourceCidrIp || sourceGroupId ? '' : (given('SourcePrefixListId') ?? '');
  if (!sourceCidrIp && !ipv6SourceCidrIp && !sourceGroupId && !sourcePrefixListId)
    throw apiError('MissingParameter.Source');
  const sourceGroupOwnerId = sourceGroupId
    ? resolveOwner(scope, given('SourceGroupOwnerId'), given('SourceGroupOwnerAccount'))
    : '';
  const destCidrIp = given('DestCidrIp') ?? '';
  if (destCidrIp && !parseCidr(destCidrIp)) throw apiError('InvalidDestCidrIp.Malformed');

  const policyText = (given('Policy') ?? 'accept').toLowerCase();
  if (policyText !== 'accept' && policyText !== 'drop') throw apiError('InvalidPolicy.Malformed');
  const priorityText = given('Priority') ?? '1';
  const priority = Number(priorityText);
  if (!/^\d+$/.test(priorityText) || priority < 1 || priority > 100) throw apiError('InvalidPriority.Malformed');
  const nicText = given('NicType')?.toLowerCase();
  if (nicText !== undefined && nicText !== 'intranet' && nicText !== 'internet')
    throw apiError('InvalidNicType.ValueNotSupported');
  const description = given('Description') ?? '';
  if (description.length > 512) throw apiError('InvalidSecurityGroupDiscription.Malformed');

  return {
    direction,
    ipProtocol,
    portRange,
    sourceCidrIp,
    sourceGroupId,
    sourceGroupOwnerId,
    ...(sourcePrefixListId ? { sourcePrefixListId } : {}),
    destCidrIp,
    sourcePortRange,
    ...(ipv6SourceCidrIp ? { ipv6SourceCidrIp } : {}),
    // VPC groups are always intranet; classic group-to-group rules are intranet too
    nicType:
      group.vpcId !== '' || (sourceGroupId && nicText === undefined)
        ? 'intranet'
        : ((nicText ?? 'internet') as Rule['nicType']),
    policy: policyText === 'accept' ? 'Accept' : 'Drop',
    priority,
    description,
  };
}

/** `from/to`: TCP and UDP need 1 ≤ from ≤ to ≤ 65535; every other protocol takes only -1/-1. */
function checkPortRange(protocol: string, range: string): void {
  const m = /^(-?\d{1,5})\/(-?\d{1,5})$/.exec(range);
  if (!m) throw apiError('InvalidParam.PortRange');
  const [from, to] = [Number(m[1]), Number(m[2])];
  const any = from === -1 && to === -1;
  if (protocol !== 'TCP' && protocol !== 'UDP') {
    if (!any) throw apiError('OperationDenied');
    return;
  }
  if (any) throw apiError('OperationDenied');
  if (from < 1 || to > 65535 || from > to) throw apiError('InvalidParam.PortRange');
}

/**
 * An IPv6 address or CIDR (node:net's isIPv6, prefix 0..128), accepted in VPC groups only (the
 * AuthorizeSecurityGroup page: "Only VPC IP addresses are supported"). The codes are UNCONFIRMED
 * (COVERAGE-ecs.md, IPv6): `Invalid<Field>.Malformed` like the IPv4 fields, InvalidParameter for a
 * classic group. '' when not given.
 */
export function ipv6Cidr(group: SecurityGroup, value: string | undefined, field: string): string {
  if (value === undefined) return '';
  const [address = '', prefix, extra] = value.split('/');
  const prefixOk = prefix === undefined || (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= 128);
  if (!isIPv6(address) || !prefixOk || extra !== undefined)
    throw apiError(
      field === 'Ipv6SourceCidrIp' ? 'InvalidIpv6SourceCidrIp.Malformed' : 'InvalidIpv6DestCidrIp.Malformed',
    );
  if (group.vpcId === '')
    throw apiError('InvalidParameter', `The parameter "${field}" is supported by VPC security groups only.`);
  return value;
}

function resolveOwner(scope: Scope, ownerId: string | undefined, ownerAccount: string | undefined): string {
  if (ownerId) return ownerId;
  if (!ownerAccount) return scope.account;
  if (scope.world.accounts.has(ownerAccount)) return ownerAccount;
  for (const a of scope.world.accounts.values()) if (a.name === ownerAccount) return a.id;
  return ownerAccount;
}
