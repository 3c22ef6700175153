import { describe, expect, it } from 'vitest';
import { planPairings, type ActualGroup } from '../../shared/plan';
import type { CanonicalRule } from '../../shared/rules';
import { accountA, config, group, instance, instanceSide, pairing, rule, state } from './builders';

// Issue 16 item 2: plan's EgressBlocked judges each family a pairing uses (pure).

const src = instance(accountA, 'i-1', '10.0.0.1', ['sg-1'], { ipv6Addresses: ['2408:4000::1'] });
const dst = instance(accountA, 'i-2', '10.0.0.2', ['sg-2'], { ipv6Addresses: ['2408:4000::2'] });
const sides = [instanceSide(accountA, 'i-1'), instanceSide(accountA, 'i-2')] as const;
const dropTo = (cidr: string): CanonicalRule =>
  rule({
    groupId: 'sg-1',
    accountId: accountA,
    peer: cidr.includes(':') ? { kind: 'ipv6-cidr', cidr } : { kind: 'cidr', cidr },
    policy: 'drop',
    direction: 'egress',
  });
const sender = (egressRules: CanonicalRule[]): ActualGroup => ({ ...group(accountA, 'sg-1'), egressRules });
const egressWarnings = (ipVersion: 'ipv4' | 'ipv6' | 'dual', egressRules: CanonicalRule[]) =>
  (
    planPairings(
      config([
        pairing({
          name: 'p',
          sides,
          ...(ipVersion === 'ipv4' ? {} : { ipVersion }), // normalized: ipv4 is the absent default
          direction: 'first-to-second',
          protocol: 'tcp',
          ports: '22/22',
        }),
      ]),
      state({ instances: [src, dst], groups: [sender(egressRules), group(accountA, 'sg-2')] }),
    ).pairings[0]?.warnings ?? []
  ).filter((w) => w.code === 'EgressBlocked');

describe('plan: EgressBlocked per address family', () => {
  it('a dual-stack pairing whose sender drops IPv6 outbound is warned for IPv6 only, naming the drop rule', () => {
    expect(egressWarnings('dual', [dropTo('::/0')])).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^instance i-1 cannot send to instance i-2 over IPv6: /),
        groupId: 'sg-1',
      }),
    ]);
  });

  it('an IPv4 drop does not block the IPv6 traffic, and an IPv6-only pairing is judged over IPv6 alone', () => {
    expect(egressWarnings('ipv6', [dropTo('0.0.0.0/0')])).toEqual([]);
    expect(egressWarnings('dual', [dropTo('0.0.0.0/0')]).map((w) => w.message)).toEqual([
      expect.stringMatching(/over IPv4: /),
    ]);
  });

  it('an IPv4-only pairing keeps its messages as they were (no family named)', () => {
    expect(egressWarnings('ipv4', [dropTo('0.0.0.0/0')]).map((w) => w.message)).toEqual([
      expect.stringMatching(/^instance i-1 cannot send to instance i-2: /),
    ]);
  });
});
