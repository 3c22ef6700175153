import { describe, expect, it } from 'vitest';
import { planPairings, type ActualGroup } from '../../shared/plan';
import { computePairingRules, type CanonicalRule } from '../../shared/rules';
import { accountA, config, group, groupSide, instance, instanceSide, pairing, rule, state } from './builders';

// Issue 16 item 2: plan's EgressBlocked, and egress: manage's owned rules (pure).

const src = instance(accountA, 'i-1', '10.0.0.1', ['sg-1']);
const dst = instance(accountA, 'i-2', '10.0.0.2', ['sg-2']);
const sides = [instanceSide(accountA, 'i-1'), instanceSide(accountA, 'i-2')] as const;
const dropAll = (groupId: string, description = ''): CanonicalRule =>
  rule({
    groupId,
    accountId: accountA,
    peer: { kind: 'cidr', cidr: '0.0.0.0/0' },
    policy: 'drop',
    priority: 100,
    direction: 'egress',
    description,
  });
const withEgress = (g: ActualGroup, egressRules: CanonicalRule[]): ActualGroup => ({ ...g, egressRules });

describe('plan: egress', () => {
  it('warns EgressBlocked for an enterprise sender with no egress rule, naming it and the way out', () => {
    const cfg = config([pairing({ name: 'p', sides })]);
    const actual = state({
      instances: [src, dst],
      groups: [group(accountA, 'sg-1', { type: 'enterprise' }), group(accountA, 'sg-2')],
    });
    const warnings = planPairings(cfg, actual).pairings[0]?.warnings ?? [];
    expect(warnings).toContainEqual(
      expect.objectContaining({
        code: 'EgressBlocked',
        message: expect.stringMatching(/instance i-1 cannot send.*enterprise.*egress: manage/),
      }),
    );
  });

  it('egress: manage adds the owned egress accept rule in the sender’s group, to the receiver’s address', () => {
    const p = pairing({
      name: 'p',
      sides,
      egress: 'manage',
      direction: 'first-to-second',
      protocol: 'tcp',
      ports: '22/22',
    });
    const out = computePairingRules(
      p,
      'prod',
      state({ instances: [src, dst], groups: [group(accountA, 'sg-1'), group(accountA, 'sg-2')] }),
    );
    expect(out.ok && out.rules.filter((r) => r.direction === 'egress')).toEqual([
      rule({
        groupId: 'sg-1',
        accountId: accountA,
        protocol: 'tcp',
        ports: '22/22',
        peer: { kind: 'cidr', cidr: '10.0.0.2/32' },
        description: 'sg-pairing:prod:p',
        direction: 'egress',
      }),
    ]);
    expect(out.ok && out.receivingGroups).toEqual([`${accountA}/sg-1`, `${accountA}/sg-2`]);
  });

  it('a group side under manage sends its egress to the peer group by reference', () => {
    const p = pairing({
      name: 'p',
      sides: [groupSide(accountA, 'sg-1'), groupSide(accountA, 'sg-2')],
      egress: 'manage',
      direction: 'first-to-second',
    });
    const out = computePairingRules(p, 'prod', state({ groups: [group(accountA, 'sg-1'), group(accountA, 'sg-2')] }));
    expect(out.ok && out.rules.filter((r) => r.direction === 'egress').map((r) => [r.groupId, r.peer])).toEqual([
      ['sg-1', { kind: 'group', groupId: 'sg-2', ownerId: accountA }],
    ]);
  });

  it('prunes only its own egress rules: a drop or another deployment’s rule is never touched', () => {
    const cfg = config([]);
    const own = { ...dropAll('sg-1', 'sg-pairing:prod:gone'), policy: 'accept' as const, ruleId: 'sgr-own' };
    const other = { ...own, description: 'sg-pairing:other:gone', ruleId: 'sgr-other' };
    const actual = {
      ...state({
        groups: [withEgress(group(accountA, 'sg-1'), [own, other, { ...dropAll('sg-1'), ruleId: 'sgr-drop' }])],
      }),
      recordedGroups: [`${accountA}/sg-1`],
    };
    const revoked = planPairings(cfg, actual).groups.flatMap((g) => (g.revoke ?? []).map((r) => r.rule.ruleId));
    expect(revoked).toEqual(['sgr-own']);
  });
});
