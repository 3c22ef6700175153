import { apiError } from '../errors/api-errors';
import { formatIpv4, inCidr, parseCidr, parseIpv4 } from './ipv4';
import type { Vpc, World } from './world';

/** Addresses taken in a VPC, by every account that launches into it. */
function usedAddresses(world: World, vpcId: string): Set<number> {
  const used = new Set<number>();
  for (const i of world.instances.values()) {
    const n = i.vpcId === vpcId ? parseIpv4(i.privateIp) : undefined;
    if (n !== undefined) used.add(n);
  }
  return used;
}

/**
 * Private IPs for `count` new instances of a VPC: the requested one if given (it must be in the
 * CIDR and free), else the lowest free addresses. Like a vSwitch, the block's first address and
 * its last three are reserved.
 */
export function allocateIps(world: World, vpc: Vpc, count: number, requested?: string): string[] {
  const cidr = parseCidr(vpc.cidr);
  if (!cidr) throw apiError('InternalError', `VPC ${vpc.id} has an invalid CIDR ${vpc.cidr}`);
  const used = usedAddresses(world, vpc.id);
  const first = cidr.base + 1;
  const last = cidr.base + cidr.size - 4;
  if (requested !== undefined) {
    const n = parseIpv4(requested);
    if (n === undefined) throw apiError('InvalidPrivateIpAddress.Malformed');
    if (!inCidr(n, cidr) || n < first || n > last) throw apiError('InvalidPrivateIpAddress');
    if (used.has(n)) throw apiError('InvalidPrivateIpAddress.Duplicated');
    return [requested];
  }
  const out: string[] = [];
  for (let n = first; n <= last && out.length < count; n += 1) if (!used.has(n)) out.push(formatIpv4(n));
  if (out.length < count) throw apiError('QuotaExceeded.PrivateIpAddress');
  return out;
}
