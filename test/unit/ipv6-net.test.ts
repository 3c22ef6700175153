import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIpv6Cidr, formatIpv6, ipv6CidrsOverlap, isIpv6, parseIpv6Cidr } from '../../shared/net';

// Issue 16 item 1: IPv6 text as RFC 5952 writes it, so a rule written is the rule read back.

const address = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });

/** Another spelling of the same address: every group in full, upper case. */
const longForm = (a: bigint): string =>
  Array.from({ length: 8 }, (_, i) => ((a >> BigInt(112 - 16 * i)) & 0xffffn).toString(16).padStart(4, '0'))
    .join(':')
    .toUpperCase();

describe('IPv6 parsing and canonical form', () => {
  it.each([
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1/128'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['::', '::/128'],
    ['::1', '::1/128'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1/128'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1/128'],
    ['2001:0:0:1:1:0:0:1', '2001::1:1:0:0:1/128'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1/128'],
    ['::ffff:10.0.0.1', '::ffff:a00:1/128'],
    ['fe80::1:0:0', 'fe80::1:0:0/128'],
  ])('%s is written %s', (text, canonical) => {
    expect(canonicalIpv6Cidr(text)).toBe(canonical);
  });

  it.each([
    '10.0.0.1',
    '1:2:3:4:5:6:7',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    'g::1',
    '::/129',
    '::1/x',
    '12345::',
    ':1',
    '1:',
  ])('refuses %s', (text) => {
    expect(parseIpv6Cidr(text)).toBeUndefined();
  });

  it('formats every address so it parses back to itself, in one spelling whatever the input', () => {
    fc.assert(
      fc.property(address, (a) => {
        const text = formatIpv6(a);
        expect(parseIpv6Cidr(text)?.address).toBe(a);
        expect(canonicalIpv6Cidr(longForm(a))).toBe(`${text}/128`);
        expect(isIpv6(text)).toBe(true);
        expect(text).not.toMatch(/(^|:)0[0-9a-f]/);
      }),
    );
  });

  it('overlaps by the shorter prefix', () => {
    const p = (t: string) => parseIpv6Cidr(t)!;
    expect(ipv6CidrsOverlap(p('2001:db8::/32'), p('2001:db8:1::5'))).toBe(true);
    expect(ipv6CidrsOverlap(p('2001:db8::/32'), p('2001:db9::5'))).toBe(false);
  });
});
