import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../shared/config';
import { canonicalizeRule, computePairingRules, ruleKey } from '../../shared/rules';
import { toPermission } from '../../shared/apply/to-permission';
import { accountA, group, groupSide, instance, instanceSide, pairing, rule, state } from './builders';

// Issue 16 item 1: ipVersion ipv4 | ipv6 | dual.

const v6 = (id: string, ip: string, v6s: string[]) => instance(accountA, id, ip, [`sg-${id}`], { ipv6Addresses: v6s });
const facts = state({
  instances: [
    v6('i-1', '10.0.0.1', ['2001:DB8::0:1']),
    v6('i-2', '10.0.0.2', ['2001:db8::2']),
    v6('i-3', '10.0.0.3', []),
  ],
  groups: [group(accountA, 'sg-i-1'), group(accountA, 'sg-i-2'), group(accountA, 'sg-i-3'), group(accountA, 'sg-x')],
});
const between = (a: string, b: string) => [instanceSide(accountA, a), instanceSide(accountA, b)] as const;

describe('ipVersion', () => {
  it('dual writes both families for an address side, icmp as ICMPv6 for the IPv6 rule', () => {
    const p = pairing({ name: 'p', sides: between('i-1', 'i-2'), protocol: 'icmp', ipVersion: 'dual' });
    const out = computePairingRules(p, 'prod', facts);
    if (!out.ok) throw new Error(out.block.message);
    const inGroup1 = out.rules.filter((r) => r.groupId === 'sg-i-1').map((r) => [r.protocol, r.peer]);
    expect(inGroup1).toHaveLength(2);
    expect(inGroup1).toEqual(
      expect.arrayContaining([
        ['icmp', { kind: 'cidr', cidr: '10.0.0.2/32' }],
        ['icmpv6', { kind: 'ipv6-cidr', cidr: '2001:db8::2/128' }],
      ]),
    );
    expect(toPermission(out.rules.find((r) => r.peer.kind === 'ipv6-cidr')!)).toMatchObject({
      IpProtocol: 'ICMPv6',
      Ipv6SourceCidrIp: expect.stringMatching(/^2001:db8::[12]\/128$/),
    });
  });

  it('ipv4 (the default) writes no IPv6 rule even where instances have IPv6 addresses', () => {
    const out = computePairingRules(pairing({ name: 'p', sides: between('i-1', 'i-2') }), 'prod', facts);
    expect(out.ok && out.rules.every((r) => r.peer.kind === 'cidr')).toBe(true);
  });

  it('ipv6 on an instance with no IPv6 address is Blocked, naming it and the way out', () => {
    const out = computePairingRules(
      pairing({ name: 'p', sides: between('i-3', 'i-1'), ipVersion: 'ipv6' }),
      'prod',
      facts,
    );
    expect(out).toMatchObject({ ok: false, block: { reason: 'InstanceWithoutIpv6', instanceId: 'i-3' } });
    expect(!out.ok && out.block.message).toMatch(/i-3.*AssignIpv6Addresses.*ipVersion ipv4/);
  });

  it('dual on an instance with no IPv6 address warns and keeps its IPv4 rule', () => {
    const out = computePairingRules(
      pairing({ name: 'p', sides: between('i-3', 'i-1'), ipVersion: 'dual' }),
      'prod',
      facts,
    );
    if (!out.ok) throw new Error(out.block.message);
    expect(out.notes).toEqual([
      expect.objectContaining({ code: 'NoIpv6Address', message: expect.stringMatching(/i-3/) }),
    ]);
    expect(out.rules.filter((r) => r.groupId === 'sg-i-1').map((r) => r.peer.kind)).toEqual(['cidr']);
  });

  it('a group reference stays one family-neutral rule; icmp takes one rule per family asked for', () => {
    const sides = [groupSide(accountA, 'sg-i-1'), groupSide(accountA, 'sg-x')] as const;
    const tcp = computePairingRules(
      pairing({ name: 'p', sides, protocol: 'tcp', ports: '22/22', ipVersion: 'dual', direction: 'first-to-second' }),
      'prod',
      facts,
    );
    expect(tcp.ok && tcp.rules.map((r) => [r.protocol, r.peer.kind])).toEqual([['tcp', 'group']]);
    const icmp = computePairingRules(
      pairing({ name: 'p', sides, protocol: 'icmp', ipVersion: 'ipv6', direction: 'first-to-second' }),
      'prod',
      facts,
    );
    expect(icmp.ok && icmp.rules.map((r) => r.protocol)).toEqual(['icmpv6']);
  });

  it('a rule read back in another spelling has the key of the rule written (the family is in the key)', () => {
    const written = rule({
      groupId: 'sg-1',
      accountId: accountA,
      peer: { kind: 'ipv6-cidr', cidr: '2001:db8::2/128' },
    });
    const read = canonicalizeRule(
      { Direction: 'ingress', IpProtocol: 'ALL', PortRange: '-1/-1', Ipv6SourceCidrIp: '2001:0DB8:0:0::2' },
      { accountId: accountA, groupId: 'sg-1' },
    );
    expect(ruleKey(read)).toBe(ruleKey(written));
    expect(ruleKey(written)).not.toBe(ruleKey({ ...written, peer: { kind: 'cidr', cidr: '2001:db8::2/128' } }));
  });

  it('ipVersion ipv6 with strategy cidr is a config error at its path', () => {
    const text = `version: 1
name: prod
region: cn-qingdao
accounts: { a: { id: "${accountA}" } }
pairings:
  - name: p
    strategy: cidr
    ipVersion: ipv6
    between:
      - { account: a, securityGroup: sg-1, cidrs: [10.0.0.0/24] }
      - { account: a, securityGroup: sg-2, cidrs: [10.0.1.0/24] }
`;
    const parsed = parseConfigText(text, 'test.yaml');
    expect(parsed.ok ? [] : parsed.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'IpVersionNeedsAddresses', path: 'pairings[0].ipVersion' }),
    );
  });
});
