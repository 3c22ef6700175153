import { configError, joinPath, type Diagnostic } from '../diagnostic';
import type { LooseConfig, LoosePairing } from '../loose-config';

/**
 * `ipVersion: ipv6 | dual` opens IPv6 addresses of members (address sides) or references a group
 * (family-neutral); strategy cidr sends the sides' `cidrs`, which are IPv4 ranges: IPv6 cannot be
 * written from them; strategy prefix-list writes IPv4 lists only for now (the family is fixed per list).
 */
export function checkIpVersionFitsStrategy(config: LooseConfig): Diagnostic[] {
  return config.pairings.flatMap(checkPairing);
}

function checkPairing(pairing: LoosePairing): Diagnostic[] {
  const fixedIpv4 = pairing.strategy === 'cidr' || pairing.strategy === 'prefix-list';
  if (!fixedIpv4 || (pairing.ipVersion !== 'ipv6' && pairing.ipVersion !== 'dual')) return [];
  return [
    configError(
      'IpVersionNeedsAddresses',
      joinPath(pairing.path, 'ipVersion'),
      `ipVersion ${pairing.ipVersion} needs the members' own addresses or a group reference; strategy ${pairing.strategy} sends IPv4 only (use strategy auto, group or addresses, or ipVersion ipv4)`,
    ),
  ];
}
