import { describe, expect, it } from 'vitest';
import { explainPairing, type PairingExplanation } from '../../shared/explain';
import type { ActualGroup, ActualInstance } from '../../shared/plan';
import type { CanonicalRule } from '../../shared/rules';
import { accountA, accountB, config, group, instance, instanceSide, pairing, rule, state, withRules } from './builders';

// Two instances of account a: i-src (10.0.0.2, in sg-src) sends to i-dst (10.0.0.9, in sg-dst and sg-extra).
const src = instance(accountA, 'i-src', '10.0.0.2', ['sg-src']);
const dst = instance(accountA, 'i-dst', '10.0.0.9', ['sg-dst', 'sg-extra']);
const fromSrc = { peer: { kind: 'cidr' as const, cidr: '10.0.0.2/32' } };

function explain(
  opts: {
    protocol?: 'all' | 'tcp' | 'udp' | 'icmp';
    ports?: string;
    dstRules?: CanonicalRule[];
    extraRules?: CanonicalRule[];
    groups?: ActualGroup[];
    instances?: ActualInstance[];
  } = {},
): PairingExplanation {
  const p = pairing({
    name: 'p',
    sides: [instanceSide(accountA, 'i-src'), instanceSide(accountA, 'i-dst')],
    direction: 'first-to-second',
    protocol: opts.protocol ?? 'all',
    ports: opts.ports ?? '-1/-1',
  });
  const groups = opts.groups ?? [
    group(accountA, 'sg-src'),
    withRules(group(accountA, 'sg-dst'), opts.dstRules ?? []),
    withRules(group(accountA, 'sg-extra'), opts.extraRules ?? []),
  ];
  return explainPairing(config([p]), 'p', state({ groups, instances: opts.instances ?? [src, dst] }));
}

const dstRule = (o: Partial<CanonicalRule>) => rule({ groupId: 'sg-dst', accountId: accountA, ...fromSrc, ...o });
const extraRule = (o: Partial<CanonicalRule>) => rule({ groupId: 'sg-extra', accountId: accountA, ...fromSrc, ...o });

describe('explainPairing: the effective rules of every group of the receiving instance', () => {
  it('allows by the accept rule that covers the traffic, naming it', () => {
    const e = explain({ dstRules: [dstRule({ ruleId: 'sgr-accept', description: 'by hand' })] });
    expect(e.directions).toEqual([
      {
        from: {
          side: 0,
          accountId: accountA,
          instanceId: 'i-src',
          ip: '10.0.0.2',
          vpcId: 'vpc-shared',
          groupIds: ['sg-src'],
        },
        to: {
          side: 1,
          accountId: accountA,
          instanceId: 'i-dst',
          ip: '10.0.0.9',
          vpcId: 'vpc-shared',
          groupIds: ['sg-dst', 'sg-extra'],
        },
        traffic: 'all',
        verdict: 'Allowed',
        reason: 'AcceptRule',
        message: 'let in by rule sgr-accept in sg-dst (priority 1, from 10.0.0.2/32)',
        rule: {
          ruleId: 'sgr-accept',
          accountId: accountA,
          groupId: 'sg-dst',
          priority: 1,
          policy: 'accept',
          protocol: 'all',
          ports: '-1/-1',
          source: '10.0.0.2/32',
          description: 'by hand',
        },
        evaluatedGroups: ['sg-dst', 'sg-extra'],
        notes: [],
        egress: {
          verdict: 'Allowed',
          reason: 'EgressDefaultAccept',
          message: 'no egress rule of sg-src stops it: basic groups let outbound traffic out by default',
          evaluatedGroups: ['sg-src'],
        },
      },
    ]);
    expect(e.allowed).toBe(true);
  });

  it('a smaller priority number wins: an accept at 1 before a drop at 5', () => {
    const e = explain({
      dstRules: [dstRule({ ruleId: 'sgr-a', priority: 1 })],
      extraRules: [extraRule({ ruleId: 'sgr-d', policy: 'drop', priority: 5 })],
    });
    expect(e.directions[0]).toMatchObject({ verdict: 'Allowed', reason: 'AcceptRule', rule: { ruleId: 'sgr-a' } });
  });

  it('a drop rule in another group of the receiving instance blocks, merged by priority', () => {
    const e = explain({
      dstRules: [dstRule({ ruleId: 'sgr-a', priority: 10 })],
      extraRules: [extraRule({ ruleId: 'sgr-d', policy: 'drop', priority: 2 })],
    });
    expect(e.directions[0]).toMatchObject({
      verdict: 'Blocked',
      reason: 'DropRule',
      rule: { ruleId: 'sgr-d', groupId: 'sg-extra', priority: 2, policy: 'drop' },
    });
    expect(e.allowed).toBe(false);
  });

  it('drop wins at equal priority, and says so', () => {
    const e = explain({
      dstRules: [dstRule({ ruleId: 'sgr-a', priority: 3 })],
      extraRules: [extraRule({ ruleId: 'sgr-d', policy: 'drop', priority: 3, protocol: 'icmp' })],
    });
    expect(e.directions[0]).toMatchObject({
      verdict: 'Blocked',
      reason: 'DropRule',
      rule: { ruleId: 'sgr-d', policy: 'drop', priority: 3 },
      message:
        'icmp is dropped by rule sgr-d in sg-extra (priority 3, from 10.0.0.2/32); drop wins over sgr-a at equal priority',
    });
  });

  it('InnerAccessPolicy Accept of a shared group lets members talk over a drop rule; Drop leaves it to the rules', () => {
    const shared = (policy: string) => [
      group(accountA, 'sg-src'),
      withRules(group(accountA, 'sg-dst'), [dstRule({ ruleId: 'sgr-d', policy: 'drop' })]),
      group(accountA, 'sg-both', { innerAccessPolicy: policy }),
    ];
    const members = [
      instance(accountA, 'i-src', '10.0.0.2', ['sg-src', 'sg-both']),
      instance(accountA, 'i-dst', '10.0.0.9', ['sg-dst', 'sg-both']),
    ];

    const accept = explain({ groups: shared('Accept'), instances: members });
    const drop = explain({ groups: shared('Drop'), instances: members });

    expect(accept.directions[0]).toMatchObject({
      verdict: 'Allowed',
      reason: 'InnerAccessAccept',
      sharedGroupId: 'sg-both',
    });
    expect(drop.directions[0]).toMatchObject({ verdict: 'Blocked', reason: 'DropRule', rule: { ruleId: 'sgr-d' } });
    expect(drop.directions[0].notes).toEqual([expect.stringContaining('sg-both, but its InnerAccessPolicy Drop')]);
  });

  it.each([
    [
      'a rule for another port lets nothing in',
      [dstRule({ protocol: 'tcp', ports: '22/22' })],
      'Blocked',
      'NoMatchingRule',
    ],
    ['a range holding the port allows it', [dstRule({ protocol: 'tcp', ports: '5000/6000' })], 'Allowed', 'AcceptRule'],
    [
      'a drop of other ports does not matter',
      [dstRule({ policy: 'drop', protocol: 'tcp', ports: '1/1024' }), dstRule({ protocol: 'all', priority: 9 })],
      'Allowed',
      'AcceptRule',
    ],
    [
      'an all-protocols drop covers the port',
      [dstRule({ policy: 'drop', priority: 2 }), dstRule({ protocol: 'tcp', ports: '5432/5432', priority: 5 })],
      'Blocked',
      'DropRule',
    ],
    ['a udp rule is not tcp', [dstRule({ protocol: 'udp', ports: '5432/5432' })], 'Blocked', 'NoMatchingRule'],
  ])('tcp 5432: %s', (_name, rules, verdict, reason) => {
    expect(explain({ protocol: 'tcp', ports: '5432/5432', dstRules: rules }).directions[0]).toMatchObject({
      verdict,
      reason,
    });
  });

  it('names what is still not let in when accept rules cover part of the traffic', () => {
    const e = explain({ dstRules: [dstRule({ protocol: 'tcp', ports: '-1/-1' })] });
    expect(e.directions[0]).toMatchObject({
      verdict: 'Blocked',
      reason: 'NoMatchingRule',
      message:
        'udp, icmp, gre from 10.0.0.2 is let in by no rule of sg-dst, sg-extra: dropped by default (tcp is let in)',
    });
  });

  it('drops by default what no rule lets in', () => {
    expect(explain().directions[0]).toMatchObject({
      verdict: 'Blocked',
      reason: 'NoMatchingRule',
      message: 'all traffic from 10.0.0.2 is let in by no rule of sg-dst, sg-extra: dropped by default',
    });
  });

  it.each([
    ['10.0.0.0/24', 'Allowed'],
    ['10.0.0.2', 'Allowed'],
    ['0.0.0.0/0', 'Allowed'],
    ['10.0.1.0/24', 'Blocked'],
    ['10.0.0.3/32', 'Blocked'],
  ])('a CIDR source %s holding 10.0.0.2 or not: %s', (cidr, verdict) => {
    expect(explain({ dstRules: [dstRule({ peer: { kind: 'cidr', cidr } })] }).directions[0].verdict).toBe(verdict);
  });

  it('a group source matches a member of that group of that owner, inside one VPC', () => {
    const byGroup = (ownerId: string) => [dstRule({ peer: { kind: 'group', groupId: 'sg-src', ownerId } })];
    expect(explain({ dstRules: byGroup(accountA) }).directions[0]).toMatchObject({
      verdict: 'Allowed',
      rule: { source: `sg-src (account ${accountA})` },
    });
    expect(explain({ dstRules: byGroup(accountB) }).directions[0].verdict).toBe('Blocked');

    const elsewhere = explain({ dstRules: byGroup(accountA), instances: [{ ...src, vpcId: 'vpc-other' }, dst] });
    expect(elsewhere.directions[0].verdict).toBe('Blocked');
    expect(elsewhere.directions[0].notes).toEqual([
      expect.stringContaining('a group reference works only inside one VPC'),
    ]);
  });

  it('is Unknown when a group of the receiving instance was not read', () => {
    const e = explain({ groups: [group(accountA, 'sg-src'), group(accountA, 'sg-dst')] });
    expect(e.directions[0]).toMatchObject({
      verdict: 'Unknown',
      reason: 'GroupNotRead',
      message: expect.stringContaining('sg-extra'),
    });
  });
});
