import { describe, expect, it } from 'vitest';
import { computeRevocations, formatPlan, PlanSchema, planPairings, type ActualState } from '../../shared/plan';
import { factKey, type CanonicalRule } from '../../shared/rules';
import {
  accountA,
  accountB,
  config,
  group,
  groupSide,
  instance,
  instanceSide,
  pairing,
  rule,
  state,
  withRules,
} from './builders';
import { ACCOUNT_B_ID, ACCOUNT_C_ID } from '../support/identities';

// The tag record, pure: groups a full sweep lists as tagged are pruned like receiving groups, and
// the plan says which groups to tag and which to untag.

const web = pairing({
  name: 'web',
  sides: [instanceSide(accountA, 'i-1'), groupSide(accountB, 'sg-x')],
  direction: 'first-to-second',
});
const inX = (cidr: string, description: string, n: number, extra: Partial<CanonicalRule> = {}) =>
  rule({
    groupId: 'sg-x',
    accountId: accountB,
    peer: { kind: 'cidr', cidr },
    description,
    ruleId: `sgr-x${n}`,
    ...extra,
  });
const inY = (cidr: string, description: string, n: number, extra: Partial<CanonicalRule> = {}) =>
  rule({
    groupId: 'sg-y',
    accountId: accountB,
    peer: { kind: 'cidr', cidr },
    description,
    ruleId: `sgr-y${n}`,
    ...extra,
  });
const X = factKey(accountB, 'sg-x');
const Y = factKey(accountB, 'sg-y');

/** web receives in sg-x; sg-y is read only because the record names it. */
function world(
  x: CanonicalRule[],
  y: CanonicalRule[],
  record: Partial<Pick<ActualState, 'recordedGroups' | 'unreadRecordedGroups' | 'taggedGroups'>> = {
    recordedGroups: [X, Y],
  },
): ActualState {
  return {
    ...state({
      instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg-a'])],
      groups: [group(accountA, 'sg-a'), withRules(group(accountB, 'sg-x'), x), withRules(group(accountB, 'sg-y'), y)],
    }),
    ...record,
  };
}

const webInX = inX('10.0.0.1/32', 'sg-pairing:prod:web', 0);
const removedInY = inY('10.0.0.1/32', 'sg-pairing:prod:old', 0);
const foreignInY = inY('10.0.0.1/32', 'by hand', 1, { priority: 2 });
const otherDeploymentInY = inY('10.0.0.1/32', 'sg-pairing:other:old', 2, { priority: 3 });

describe('computeRevocations over recorded groups', () => {
  it('prunes owned rules in a recorded group no pairing receives in, and nothing else there', () => {
    const actual = world([webInX], [removedInY, foreignInY, otherDeploymentInY]);

    const out = computeRevocations(config([web]), actual, {
      computed: new Map([['web', [webInX]]]),
      receivingGroups: new Set([X]),
      recordedGroups: new Set([X, Y]),
    });

    expect(out).toEqual([{ rule: removedInY, pairing: 'old', reason: 'PairingRemoved', apply: true }]);
  });

  it('leaves a group alone when the record does not name it (not listed)', () => {
    const actual = world([webInX], [removedInY]);

    expect(
      computeRevocations(config([web]), actual, {
        computed: new Map([['web', [webInX]]]),
        receivingGroups: new Set([X]),
      }),
    ).toEqual([]);
  });
});

describe('planPairings with the record', () => {
  it("revokes a removed pairing's rules in a recorded group and untags it; the tagged receiving group is left as it is", () => {
    const plan = planPairings(config([web]), world([webInX], [removedInY, foreignInY]));

    expect(
      plan.groups.map((g) => [g.groupId, g.add.length, g.revoke?.map((r) => [r.rule.ruleId, r.pairing, r.reason])]),
    ).toEqual([['sg-y', 0, [['sgr-y0', 'old', 'PairingRemoved']]]]);
    expect(plan.record).toEqual({
      key: 'sg-pairing:prod',
      listed: true,
      tag: [],
      untag: [{ accountId: accountB, groupId: 'sg-y' }],
    });
    expect(PlanSchema.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
    expect(formatPlan(plan, { color: false })).toContain(
      `Record (tag sg-pairing:prod)\n  UntagResources account ${ACCOUNT_B_ID}  group sg-y  (no rule of this deployment left: forgotten)\n`,
    );
  });

  it("a declared pairing's rule in a recorded group it no longer receives in is NoLongerDesired", () => {
    const stale = inY('10.0.0.1/32', 'sg-pairing:prod:web', 3);

    const plan = planPairings(config([web]), world([webInX], [stale]));

    expect(plan.groups.flatMap((g) => (g.revoke ?? []).map((r) => [g.groupId, r.pairing, r.reason]))).toEqual([
      ['sg-y', 'web', 'NoLongerDesired'],
    ]);
    expect(plan.pairings[0]).toMatchObject({ name: 'web', status: 'Changes', rulesToRevoke: 1 });
    expect(plan.record?.untag).toEqual([{ accountId: accountB, groupId: 'sg-y' }]);
  });

  it('keeps the tag while owned rules stay: prune off reports them, a pairing left out of the run may want them', () => {
    const off = planPairings(config([web], 'prod', { prune: 'off' }), world([webInX], [removedInY]));
    expect(off.groups).toEqual([
      {
        accountId: accountB,
        groupId: 'sg-y',
        region: 'cn-qingdao',
        add: [],
        wouldRevoke: [{ rule: removedInY, pairing: 'old', reason: 'PairingRemoved' }],
      },
    ]);
    expect(off.record).toEqual({ key: 'sg-pairing:prod', listed: true, tag: [], untag: [] });

    const intoY = pairing({
      name: 'into-y',
      sides: [instanceSide(accountA, 'i-1'), groupSide(accountB, 'sg-y')],
      direction: 'first-to-second',
    });
    const scoped = planPairings(config([web, intoY]), world([webInX], [removedInY]), { pairings: ['web'] });
    expect(scoped.groups).toEqual([]); // into-y, not in this run, may want that very rule
    expect(scoped.record?.untag).toEqual([]);
  });

  it('a listed run tags every receiving group that holds an owned rule and lacks the tag (rules written before the record)', () => {
    const plan = planPairings(config([web]), world([webInX], [], { recordedGroups: [] }));

    expect(plan.groups).toEqual([]);
    expect(plan.record).toEqual({
      key: 'sg-pairing:prod',
      listed: true,
      tag: [{ accountId: accountB, groupId: 'sg-x' }],
      untag: [],
    });
  });

  it('a run that did not list tags only the groups it adds to, unless this process knows them tagged', () => {
    const before = planPairings(config([web]), world([], [], {}));
    const warm = planPairings(config([web]), world([], [], { taggedGroups: [X] }));
    const converged = planPairings(config([web]), world([webInX], [removedInY], {}));

    expect(before.record).toEqual({
      key: 'sg-pairing:prod',
      listed: false,
      tag: [{ accountId: accountB, groupId: 'sg-x' }],
      untag: [],
    });
    expect(warm.record).toBeUndefined();
    expect(converged.record).toBeUndefined();
    expect(converged.groups).toEqual([]);
  });

  it('reports a recorded group that could not be read, and touches nothing there', () => {
    const actual: ActualState = {
      ...state({
        instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg-a'])],
        groups: [group(accountA, 'sg-a'), withRules(group(accountB, 'sg-x'), [webInX])],
      }),
      recordedGroups: [X, Y],
      unreadRecordedGroups: [{ accountId: accountB, groupId: 'sg-y', code: 'Forbidden.RAM', message: 'no' }],
    };

    const plan = planPairings(config([web]), actual);

    expect(plan.record).toEqual({
      key: 'sg-pairing:prod',
      listed: true,
      tag: [],
      untag: [],
      warnings: [
        {
          code: 'RecordedGroupUnread',
          message: expect.stringContaining('Forbidden.RAM'),
          accountId: accountB,
          groupId: 'sg-y',
        },
      ],
    });
  });
  it('reports a declared account no pairing uses whose record could not be listed (its rules stay)', () => {
    const unused = ACCOUNT_C_ID;
    const actual: ActualState = {
      ...world([webInX], [], { recordedGroups: [X] }),
      accountFailures: [{ accountId: unused, code: 'AssumeRoleDenied', message: 'no trust', retryable: false }],
    };

    const plan = planPairings(config([web]), actual);

    expect(plan.pairings.map((p) => p.status)).toEqual(['InSync']);
    expect(plan.record?.warnings).toEqual([
      { code: 'RecordAccountUnread', message: expect.stringContaining('AssumeRoleDenied'), accountId: unused },
    ]);
  });
});
