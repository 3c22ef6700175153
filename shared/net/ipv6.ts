/**
 * Just enough IPv6 for rule canonicalization and overlap checks: an address (RFC 4291 section 2.2
 * text forms, with `::` and an embedded dotted IPv4 tail) as a 128-bit number, and its canonical
 * text as RFC 5952 fixes it (lower case, no leading zeros, the longest run of two or more zero
 * groups, the first on a tie, as `::`), so what is written matches what is read back.
 */
import { isIpv4 } from './ipv4';

export interface Ipv6Cidr {
  /** the address as an unsigned 128-bit number */
  readonly address: bigint;
  readonly prefix: number;
}

const hexGroup = /^[0-9a-fA-F]{1,4}$/;

/** The eight 16-bit groups of an address, or undefined when it is not IPv6 text. */
function parseGroups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string): string[] | undefined => (part === '' ? [] : part.split(':'));
  const head = split(halves[0] ?? '');
  const tail = halves.length === 2 ? split(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const parts = halves.length === 2 ? tail : head;
  const last = parts[parts.length - 1];
  const words: string[] = [];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return undefined;
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    parts.splice(parts.length - 1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  for (const part of [...head, ...tail]) if (!hexGroup.test(part)) return undefined;
  words.push(...head);
  const total = head.length + tail.length;
  if (halves.length === 2) {
    if (total > 7) return undefined;
    words.push(...Array<string>(8 - total).fill('0'), ...tail);
  } else if (total !== 8) return undefined;
  return words.map((w) => parseInt(w, 16));
}

/** "2001:db8::1" -> its /128; "2001:db8::/32" as written; undefined when not IPv6. */
export function parseIpv6Cidr(text: string): Ipv6Cidr | undefined {
  const [ip, prefixText, extra] = text.trim().split('/');
  if (ip === undefined || extra !== undefined || !ip.includes(':')) return undefined;
  const prefix = prefixText === undefined ? 128 : /^[0-9]{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= 128)) return undefined;
  const groups = parseGroups(ip);
  if (groups === undefined) return undefined;
  return { address: groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n), prefix };
}

export function isIpv6(text: string): boolean {
  return !text.includes('/') && parseIpv6Cidr(text) !== undefined;
}

/** The RFC 5952 text of a 128-bit address. */
export function formatIpv6(address: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (best.length < 2) return hex(groups);
  return `${hex(groups.slice(0, best.start))}::${hex(groups.slice(best.start + best.length))}`;
}

/** "2001:DB8:0::1" -> "2001:db8::1/128"; "2001:db8::/32" unchanged; undefined when not IPv6. */
export function canonicalIpv6Cidr(text: string): string | undefined {
  const parsed = parseIpv6Cidr(text);
  return parsed === undefined ? undefined : `${formatIpv6(parsed.address)}/${parsed.prefix}`;
}

function network(cidr: Ipv6Cidr, prefix: number): bigint {
  return cidr.address >> BigInt(128 - prefix);
}

/** Two CIDRs overlap when the shorter prefix's network contains the other's address. */
export function ipv6CidrsOverlap(a: Ipv6Cidr, b: Ipv6Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  return network(a, prefix) === network(b, prefix);
}

/** Whether `inner` (a CIDR or an address) lies wholly within `outer`. */
export function ipv6CidrWithin(inner: Ipv6Cidr, outer: Ipv6Cidr): boolean {
  return inner.prefix >= outer.prefix && network(inner, outer.prefix) === network(outer, outer.prefix);
}
