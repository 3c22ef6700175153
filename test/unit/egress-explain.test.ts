import { describe, expect, it } from 'vitest';
import { explainPairing, formatExplanation } from '../../shared/explain';
import type { ActualGroup } from '../../shared/plan';
import type { CanonicalRule } from '../../shared/rules';
import { accountA, config, group, instance, instanceSide, pairing, rule, state, withRules } from './builders';

// Issue 16 item 2: explain evaluates the sender's egress (every group of the sending instance,
// priority, drop wins) and names the deciding rule.

const src = instance(accountA, 'i-src', '10.0.0.2', ['sg-src', 'sg-src2']);
const dst = instance(accountA, 'i-dst', '10.0.0.9', ['sg-dst']);
const letIn = rule({ groupId: 'sg-dst', accountId: accountA, peer: { kind: 'cidr', cidr: '10.0.0.2/32' } });
const out = (o: Partial<CanonicalRule> & Pick<CanonicalRule, 'groupId'>): CanonicalRule =>
  rule({ accountId: accountA, peer: { kind: 'cidr', cidr: '0.0.0.0/0' }, direction: 'egress', ...o });
const withEgress = (g: ActualGroup, egressRules: CanonicalRule[]): ActualGroup => ({ ...g, egressRules });

function explain(srcGroups: ActualGroup[], protocol: 'all' | 'tcp' = 'tcp') {
  const p = pairing({
    name: 'p',
    sides: [instanceSide(accountA, 'i-src'), instanceSide(accountA, 'i-dst')],
    direction: 'first-to-second',
    protocol,
    ports: protocol === 'tcp' ? '5432/5432' : '-1/-1',
  });
  const groups = [...srcGroups, withRules(group(accountA, 'sg-dst'), [{ ...letIn, protocol, ports: p.ports }])];
  return explainPairing(config([p]), 'p', state({ groups, instances: [src, dst] }));
}

describe('explain: the sender’s egress', () => {
  it('a drop egress rule in any group of the sender blocks what ingress lets in, and is named', () => {
    const e = explain([
      withEgress(group(accountA, 'sg-src'), [out({ groupId: 'sg-src', ruleId: 'sgr-out-ok', priority: 5 })]),
      withEgress(group(accountA, 'sg-src2'), [
        out({ groupId: 'sg-src2', ruleId: 'sgr-drop', policy: 'drop', priority: 5 }),
      ]),
    ]);
    const [d] = e.directions;
    expect(d).toMatchObject({
      verdict: 'Blocked',
      reason: 'EgressDropRule',
      rule: { ruleId: 'sgr-drop', groupId: 'sg-src2' },
    });
    expect(d?.egress).toMatchObject({ verdict: 'Blocked', evaluatedGroups: ['sg-src', 'sg-src2'] });
    expect(e.allowed).toBe(false);
    expect(formatExplanation(e)).toMatch(/egress: BLOCKED \(EgressDropRule\).*sgr-drop/);
  });

  it('a higher-priority accept to the receiver lets it out before a lower-priority drop', () => {
    const accept = out({
      groupId: 'sg-src',
      ruleId: 'sgr-db',
      priority: 1,
      protocol: 'tcp',
      ports: '5432/5432',
      peer: { kind: 'cidr', cidr: '10.0.0.9/32' },
    });
    const e = explain([
      withEgress(group(accountA, 'sg-src'), [accept, out({ groupId: 'sg-src', policy: 'drop', priority: 100 })]),
      group(accountA, 'sg-src2'),
    ]);
    expect(e.directions[0]?.egress).toMatchObject({
      verdict: 'Allowed',
      reason: 'EgressAcceptRule',
      rule: { ruleId: 'sgr-db' },
    });
    expect(e.allowed).toBe(true);
  });

  it('an enterprise sender with no egress rule for the traffic is blocked by its default; a basic one lets it out', () => {
    const enterprise = explain([
      group(accountA, 'sg-src', { type: 'enterprise' }),
      group(accountA, 'sg-src2', { type: 'enterprise' }),
    ]);
    expect(enterprise.directions[0]).toMatchObject({ verdict: 'Blocked', reason: 'EgressDefaultDeny' });
    const basic = explain([group(accountA, 'sg-src'), group(accountA, 'sg-src2')]);
    expect(basic.directions[0]?.egress).toMatchObject({ verdict: 'Allowed', reason: 'EgressDefaultAccept' });
  });

  it('a drop to a group the receiver is in matches by the group reference', () => {
    const toGroup = out({
      groupId: 'sg-src',
      policy: 'drop',
      peer: { kind: 'group', groupId: 'sg-dst', ownerId: accountA },
    });
    const e = explain([withEgress(group(accountA, 'sg-src'), [toGroup]), group(accountA, 'sg-src2')]);
    expect(e.directions[0]).toMatchObject({ verdict: 'Blocked', reason: 'EgressDropRule' });
  });
});
