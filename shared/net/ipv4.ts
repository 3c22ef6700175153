/** Just enough IPv4 for rule canonicalization and overlap checks. */
export interface Ipv4Cidr {
  /** the address as an unsigned 32-bit number */
  readonly address: number;
  readonly prefix: number;
}

const octet = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const ipv4Pattern = new RegExp(`^${octet}\\.${octet}\\.${octet}\\.${octet}$`);

export function isIpv4(text: string): boolean {
  return ipv4Pattern.test(text);
}

/** "10.0.0.2" -> "10.0.0.2/32"; "10.0.0.0/8" unchanged; undefined when not IPv4. */
export function canonicalIpv4Cidr(text: string): string | undefined {
  const parsed = parseIpv4Cidr(text);
  return parsed === undefined ? undefined : `${text.split('/')[0]}/${parsed.prefix}`;
}

export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const [ip, prefixText, extra] = text.trim().split('/');
  if (ip === undefined || extra !== undefined || !isIpv4(ip)) return undefined;
  const prefix = prefixText === undefined ? 32 : /^[0-9]{1,2}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= 32)) return undefined;
  const address = ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  return { address, prefix };
}

function network(cidr: Ipv4Cidr, prefix: number): number {
  const size = 2 ** (32 - prefix);
  return Math.floor(cidr.address / size);
}

/** Two CIDRs overlap when the shorter prefix's network contains the other's address. */
export function ipv4CidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  return network(a, prefix) === network(b, prefix);
}
