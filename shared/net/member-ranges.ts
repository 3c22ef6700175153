import { parseIpv4Cidr, type Ipv4Cidr } from './ipv4';

/**
 * The ranges a member's address may lie in without the config declaring more: RFC 1918's private
 * networks (https://www.rfc-editor.org/rfc/rfc1918) and the shared address space 100.64.0.0/10
 * (https://www.rfc-editor.org/rfc/rfc6598), which Alibaba Cloud VPCs also accept as custom CIDRs.
 */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16'];

/** Whether `inner` (a CIDR or a bare address) lies wholly within `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = parseIpv4Cidr(inner);
  const b = parseIpv4Cidr(outer);
  return a !== undefined && b !== undefined && within(a, b);
}

function within(inner: Ipv4Cidr, outer: Ipv4Cidr): boolean {
  if (inner.prefix < outer.prefix) return false;
  const size = 2 ** (32 - outer.prefix);
  return Math.floor(inner.address / size) === Math.floor(outer.address / size);
}

/** Whether the CIDR (or address) lies wholly within one of `ranges`. */
export function withinAny(cidr: string, ranges: readonly string[]): boolean {
  return ranges.some((range) => cidrWithin(cidr, range));
}

/** Whether the CIDR (or address) lies wholly within the private ranges (PRIVATE_RANGES). */
export function isPrivateRange(cidr: string): boolean {
  return withinAny(cidr, PRIVATE_RANGES);
}

/** Why a member's address may not be written into a peer's rules. */
export type AddressRefusal =
  | { readonly reason: 'OutsideAllowedRanges'; readonly ranges: readonly string[] }
  | { readonly reason: 'OutsideVpc'; readonly vpcId: string; readonly vpcCidrs: readonly string[] }
  | { readonly reason: 'VpcNotFound'; readonly vpcId: string };

export interface MemberAddressRanges {
  /** ranges the config declares for the member's side or account, besides the private ones */
  readonly declared: readonly string[];
  /**
   * the CIDR blocks of the member's VPC as DescribeVpcs answers them (primary, secondary, user
   * CIDRs); null: the VPC was looked for and not found; undefined: not checked (classic network)
   */
  readonly vpcCidrs: readonly string[] | null | undefined;
  readonly vpcId: string;
}

/**
 * Pure: whether a member's address may be opened in a peer's group. It must lie in the private
 * ranges or in a declared one, and within its VPC's CIDR blocks (a member of a VPC not found is
 * refused). Answers undefined when admitted, else why not.
 */
export function checkMemberAddress(ip: string, ranges: MemberAddressRanges): AddressRefusal | undefined {
  const allowed = [...PRIVATE_RANGES, ...ranges.declared];
  if (!withinAny(ip, allowed)) return { reason: 'OutsideAllowedRanges', ranges: allowed };
  if (ranges.vpcCidrs === null) return { reason: 'VpcNotFound', vpcId: ranges.vpcId };
  if (ranges.vpcCidrs !== undefined && !withinAny(ip, ranges.vpcCidrs))
    return { reason: 'OutsideVpc', vpcId: ranges.vpcId, vpcCidrs: ranges.vpcCidrs };
  return undefined;
}

/** The refusal in words, after "address <ip> of instance <id> in account <uid>". */
export function describeRefusal(refusal: AddressRefusal): string {
  switch (refusal.reason) {
    case 'OutsideAllowedRanges':
      return `lies outside the private ranges and the ranges the config allows (${refusal.ranges.join(', ')})`;
    case 'OutsideVpc':
      return `lies outside the CIDR blocks of its VPC ${refusal.vpcId} (${refusal.vpcCidrs.join(', ') || 'none'})`;
    case 'VpcNotFound':
      return `belongs to VPC ${refusal.vpcId}, which DescribeVpcs did not find`;
  }
}
