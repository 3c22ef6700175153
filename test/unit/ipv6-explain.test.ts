import { describe, expect, it } from 'vitest';
import { explainPairing, formatExplanation, type PairingExplanation } from '../../shared/explain';
import type { CanonicalRule } from '../../shared/rules';
import { accountA, config, group, instance, instanceSide, pairing, rule, state, withRules } from './builders';

// Issue 16 item 1: explain evaluates each family a pairing asks for (ipVersion ipv6 | dual).

const src = instance(accountA, 'i-src', '10.0.0.2', ['sg-src'], { ipv6Addresses: ['2001:db8::2'] });
const dst = instance(accountA, 'i-dst', '10.0.0.9', ['sg-dst'], { ipv6Addresses: ['2001:db8::9'] });
const v4 = { kind: 'cidr' as const, cidr: '10.0.0.2/32' };
const v6 = { kind: 'ipv6-cidr' as const, cidr: '2001:db8::2/128' };
const dstRule = (o: Partial<CanonicalRule> & Pick<CanonicalRule, 'peer'>) =>
  rule({ groupId: 'sg-dst', accountId: accountA, ...o });

function explain(
  ipVersion: 'ipv6' | 'dual' | undefined,
  rules: CanonicalRule[],
  protocol: 'icmp' | 'tcp' = 'icmp',
  instances = [src, dst],
): PairingExplanation {
  const p = pairing({
    name: 'p',
    sides: [instanceSide(accountA, 'i-src'), instanceSide(accountA, 'i-dst')],
    direction: 'first-to-second',
    protocol,
    ports: protocol === 'tcp' ? '22/22' : '-1/-1',
    ...(ipVersion === undefined ? {} : { ipVersion }),
  });
  const groups = [group(accountA, 'sg-src'), withRules(group(accountA, 'sg-dst'), rules)];
  return explainPairing(config([p]), 'p', state({ groups, instances }));
}

const verdicts = (e: PairingExplanation) =>
  e.directions.map((d) => [d.family, d.from.ip, d.to.ip, d.verdict, d.reason, d.rule?.ruleId]);

describe('explainPairing per address family', () => {
  it('keeps an IPv4-only pairing as it was: one untagged direction, an IPv6 rule no use to it', () => {
    const e = explain(undefined, [dstRule({ peer: v6, protocol: 'icmpv6', ruleId: 'sgr-v6' })]);

    expect(e.directions).toHaveLength(1);
    expect(e.directions[0]).not.toHaveProperty('family');
    expect(verdicts(e)).toEqual([[undefined, '10.0.0.2', '10.0.0.9', 'Blocked', 'NoMatchingRule', undefined]]);
  });

  it('evaluates a dual pairing per family: IPv4 by the SourceCidrIp rule, IPv6 by the ICMPv6 Ipv6SourceCidrIp rule', () => {
    const e = explain('dual', [
      dstRule({ peer: v4, protocol: 'icmp', ruleId: 'sgr-v4' }),
      dstRule({ peer: v6, protocol: 'icmpv6', ruleId: 'sgr-v6' }),
    ]);

    expect(verdicts(e)).toEqual([
      ['ipv4', '10.0.0.2', '10.0.0.9', 'Allowed', 'AcceptRule', 'sgr-v4'],
      ['ipv6', '2001:db8::2', '2001:db8::9', 'Allowed', 'AcceptRule', 'sgr-v6'],
    ]);
    expect(e.allowed).toBe(true);
  });

  it('blocks the IPv6 direction whose rule is missing, names the family and the rule it needs', () => {
    const e = explain('dual', [
      dstRule({ peer: v4, protocol: 'icmp', ruleId: 'sgr-v4' }),
      dstRule({ peer: { kind: 'ipv6-cidr', cidr: '2001:db8::2/128' }, protocol: 'icmp', ruleId: 'sgr-wrong' }),
    ]);

    expect(verdicts(e)).toEqual([
      ['ipv4', '10.0.0.2', '10.0.0.9', 'Allowed', 'AcceptRule', 'sgr-v4'],
      ['ipv6', '2001:db8::2', '2001:db8::9', 'Blocked', 'NoMatchingRule', undefined],
    ]);
    const text = formatExplanation(e);
    expect(text).toContain('IPv6: first side i-src (2001:db8::2) -> second side i-dst (2001:db8::9): BLOCKED');
    expect(text).toContain('Ipv6SourceCidrIp 2001:db8::2/128');
  });

  it('lets IPv6 in by a group reference (family-neutral) and by ::/0, never by 0.0.0.0/0', () => {
    const group = { kind: 'group' as const, groupId: 'sg-src', ownerId: accountA };
    const tcp = (peer: CanonicalRule['peer'], ruleId: string) =>
      explain('ipv6', [dstRule({ peer, protocol: 'tcp', ports: '22/22', ruleId })], 'tcp');

    expect(verdicts(tcp(group, 'sgr-group'))[0]?.slice(3)).toEqual(['Allowed', 'AcceptRule', 'sgr-group']);
    expect(verdicts(tcp({ kind: 'ipv6-cidr', cidr: '::/0' }, 'sgr-any6'))[0]?.slice(3)).toEqual([
      'Allowed',
      'AcceptRule',
      'sgr-any6',
    ]);
    expect(verdicts(tcp({ kind: 'cidr', cidr: '0.0.0.0/0' }, 'sgr-any4'))[0]?.slice(3)).toEqual([
      'Blocked',
      'NoMatchingRule',
      undefined,
    ]);
  });

  it('notes a sender without an IPv6 address: its IPv6 CIDR rules cannot be matched', () => {
    const noV6 = instance(accountA, 'i-src', '10.0.0.2', ['sg-src']);
    const e = explain('ipv6', [dstRule({ peer: v6, protocol: 'icmpv6' })], 'icmp', [noV6, dst]);

    expect(e.directions[0]).toMatchObject({ family: 'ipv6', verdict: 'Blocked' });
    expect(e.directions[0]?.from.ip).toBeUndefined();
    expect(e.directions[0]?.notes.join('\n')).toMatch(/i-src has no IPv6 address/);
  });
});
