import { parseIpv4Cidr } from './ipv4';

/**
 * A configured CIDR in the form ECS stores it: a bare address as its /32, and a range only in its
 * network form (10.1.0.0/16, not 10.1.2.3/16), so what is written matches what is read back.
 */
export function canonicalCidr(text: string): { ok: true; cidr: string } | { ok: false; message: string } {
  const parsed = parseIpv4Cidr(text);
  if (parsed === undefined)
    return { ok: false, message: `${JSON.stringify(text)} is not an IPv4 CIDR (like 10.1.0.0/16 or 10.1.2.3)` };
  const size = 2 ** (32 - parsed.prefix);
  const network = Math.floor(parsed.address / size) * size;
  const address = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
  const cidr = `${address}/${parsed.prefix}`;
  if (network !== parsed.address)
    return { ok: false, message: `${text} has host bits set; write the network, ${cidr}` };
  return { ok: true, cidr };
}
