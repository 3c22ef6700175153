/** IPv4 addresses as unsigned 32-bit numbers, and CIDR blocks over them. */
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

export function parseIpv4(s: string): number | undefined {
  if (!IPV4.test(s)) return undefined;
  return s.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export interface Cidr {
  /** the network address */
  base: number;
  size: number;
}

/** `10.0.0.0/16` → its block; a bare address counts as /32. */
export function parseCidr(s: string): Cidr | undefined {
  const [ip, bits, ...rest] = s.split('/');
  if (rest.length > 0) return undefined;
  const n = parseIpv4(ip);
  if (n === undefined) return undefined;
  if (bits !== undefined && !/^(\d|[12]\d|3[0-2])$/.test(bits)) return undefined;
  const size = 2 ** (32 - Number(bits ?? 32));
  return { base: n - (n % size), size };
}

export function inCidr(ip: number, cidr: Cidr): boolean {
  return ip >= cidr.base && ip < cidr.base + cidr.size;
}
