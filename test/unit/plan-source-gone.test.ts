import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPairings, type ActualState, type Plan } from '../../shared/plan';
import { factKey, ruleDescription, type CanonicalRule } from '../../shared/rules';
import { actualStateArb, pairingsArb } from './arbitraries';
import {
  accountA,
  accountB,
  config,
  group,
  groupSide,
  instanceSide,
  pairing,
  rule,
  state,
  withRules,
} from './builders';

// Issue 18.2: a pairing whose side the API says is gone (released instance, deleted group) has its
// owned rules revoked as SourceGone; a side that could not be read (unknown) keeps them.

const web = pairing({
  name: 'web',
  sides: [instanceSide(accountA, 'i-1'), groupSide(accountB, 'sg-db')],
  direction: 'first-to-second',
});
const onDb = (cidr: string, description: string, n: number): CanonicalRule =>
  rule({ groupId: 'sg-db', accountId: accountB, peer: { kind: 'cidr', cidr }, description, ruleId: `sgr-${n}` });
const mine = onDb('10.0.0.1/32', 'sg-pairing:prod:web', 1);
const foreign = [onDb('10.0.0.1/32', 'by hand', 2), onDb('10.0.0.1/32', 'sg-pairing:other:web', 3)];
const dbOnly = (extra: Partial<ActualState> = {}): ActualState => ({
  ...state({ groups: [group(accountA, 'sg-a'), withRules(group(accountB, 'sg-db'), [mine, ...foreign])] }),
  ...extra,
});

describe('planPairings: a gone side', () => {
  it('revokes the pairing’s owned rules as SourceGone (a released instance side), never a foreign rule', () => {
    const plan = planPairings(config([web]), dbOnly({ gone: [factKey(accountA, 'i-1')] }));

    expect(plan.pairings[0]).toMatchObject({
      name: 'web',
      status: 'Blocked',
      reason: 'InstanceNotFound',
      rulesToRevoke: 1,
    });
    expect(plan.groups.map((g) => [g.groupId, g.add, g.revoke])).toEqual([
      ['sg-db', [], [{ rule: mine, pairing: 'web', reason: 'SourceGone' }]],
    ]);
    expect(plan.refused).toBeUndefined();
  });

  it('reports them only, as SourceGone, under prune off', () => {
    const plan = planPairings(config([{ ...web, prune: 'off' }]), dbOnly({ gone: [factKey(accountA, 'i-1')] }));

    expect(plan.groups.map((g) => [g.revoke, g.wouldRevoke?.map((r) => r.reason)])).toEqual([
      [undefined, ['SourceGone']],
    ]);
  });

  it('keeps a rule another pairing still wants', () => {
    const other = pairing({
      name: 'web2',
      sides: [instanceSide(accountA, 'i-2'), groupSide(accountB, 'sg-db')],
      direction: 'first-to-second',
    });
    const i2 = {
      accountId: accountA,
      instanceId: 'i-2',
      status: 'Running',
      privateIp: '10.0.0.1',
      vpcId: 'vpc-shared',
      securityGroupIds: ['sg-a'],
    };
    const actual = dbOnly({ gone: [factKey(accountA, 'i-1')], instances: { [factKey(accountA, 'i-2')]: i2 } });

    const plan = planPairings(config([web, other]), actual);

    expect(plan.groups.flatMap((g) => g.revoke ?? [])).toEqual([]);
  });
});

describe('planPairings: an unknown side keeps its rules', () => {
  it('an instance not found but not said gone (not looked up) is left as it is', () => {
    const plan = planPairings(config([web]), dbOnly());

    expect(plan.pairings[0]).toMatchObject({ status: 'Blocked', reason: 'InstanceNotFound' });
    expect(plan.pairings[0]?.rulesToRevoke).toBeUndefined();
    expect(plan.groups.flatMap((g) => g.revoke ?? [])).toEqual([]);
  });

  it('a failed read of the account (throttled, forbidden) keeps the rules, whatever else is gone', () => {
    const failure = { accountId: accountA, code: 'Throttling.User', message: 'throttled', retryable: true };
    const plan = planPairings(config([web]), dbOnly({ gone: [factKey(accountA, 'i-1')], accountFailures: [failure] }));

    expect(plan.pairings[0]).toMatchObject({ status: 'Failed', reason: 'Throttling.User' });
    expect(plan.groups.flatMap((g) => g.revoke ?? [])).toEqual([]);
  });

  it('a stopped instance (its address kept) is not gone', () => {
    const stopped = {
      accountId: accountA,
      instanceId: 'i-1',
      status: 'Stopped',
      privateIp: '10.0.0.1',
      vpcId: 'vpc-shared',
      securityGroupIds: ['sg-a'],
    };
    const plan = planPairings(config([web]), dbOnly({ instances: { [factKey(accountA, 'i-1')]: stopped } }));

    expect(plan.pairings[0]).toMatchObject({ status: 'Blocked', reason: 'InstanceNotRunning' });
    expect(plan.groups.flatMap((g) => g.revoke ?? [])).toEqual([]);
  });
});

describe('planPairings: gone sides (property)', () => {
  it('revokes only exactly-marked rules, and only more of them than when nothing is said gone', () => {
    fc.assert(
      fc.property(pairingsArb, actualStateArb, (pairings, actual) => {
        const cfg = config(pairings);
        const absent = pairings.flatMap((p) =>
          p.sides
            .map((s) => factKey(s.accountId, s.kind === 'instance' ? s.instanceId : (s.securityGroupId ?? '')))
            .filter((k) => actual.instances[k] === undefined && actual.groups[k] === undefined),
        );
        const gone = planPairings(cfg, { ...actual, gone: [...new Set(absent)].sort() });
        const unknown = planPairings(cfg, actual);
        const revoked = (plan: Plan) => plan.groups.flatMap((g) => g.revoke ?? []);

        for (const r of revoked(gone)) expect(r.rule.description).toBe(ruleDescription('prod', r.pairing));
        const ids = new Set(revoked(gone).map((r) => r.rule.ruleId));
        expect(revoked(unknown).every((r) => ids.has(r.rule.ruleId))).toBe(true);
        expect(gone.refused).toBeUndefined();
      }),
    );
  });
});
