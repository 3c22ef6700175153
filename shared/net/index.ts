export { canonicalCidr } from './cidrs';
export { canonicalIpv4Cidr, ipv4CidrsOverlap, isIpv4, parseIpv4Cidr, type Ipv4Cidr } from './ipv4';
export {
  checkMemberAddress,
  cidrWithin,
  describeRefusal,
  isPrivateRange,
  PRIVATE_RANGES,
  withinAny,
  type AddressRefusal,
  type MemberAddressRanges,
} from './member-ranges';
export {
  canonicalIpv6Cidr,
  formatIpv6,
  ipv6CidrsOverlap,
  ipv6CidrWithin,
  isIpv6,
  parseIpv6Cidr,
  type Ipv6Cidr,
} from './ipv6';
