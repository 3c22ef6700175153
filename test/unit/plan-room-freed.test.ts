import { describe, expect, it } from 'vitest';
import { planPairings } from '../../shared/plan';
import { accountA, accountB, config, group, groupSide, instance, instanceSide, pairing, rule, state } from './builders';

// Two planner cases found by the property tests with random seeds (FC_SEED=-1435201037 and -357561039),
// kept as fixed examples: a plan must not leave room for the next run to take differently.

const peersAdded = (plan: ReturnType<typeof planPairings>, groupId: string) =>
  plan.groups.filter((g) => g.groupId === groupId).flatMap((g) => g.add.map((a) => a.rule.peer));

describe('the room a plan frees or holds', () => {
  it('counts a reference it revokes (a stale rule of the same pairing) as room, so auto does not flip next run', () => {
    // sg-0 is at the 20-reference quota, one of them p0's own stale rule to sg-3 (p0 now pairs sg-1)
    const stale = rule({
      groupId: 'sg-0',
      accountId: accountA,
      peer: { kind: 'group', groupId: 'sg-3', ownerId: accountB },
      description: 'sg-pairing:prod:p0',
      ruleId: 'sgr-stale',
    });
    const actual = state({
      groups: [
        group(accountA, 'sg-0', { rules: [stale], ruleCount: 1, referencedGroupCount: 20 }),
        group(accountB, 'sg-1'),
      ],
      instances: [instance(accountA, 'i-0', '10.0.0.1', ['sg-0'])],
    });
    const p0 = pairing({ name: 'p0', sides: [groupSide(accountB, 'sg-1'), instanceSide(accountA, 'i-0', 'sg-0')] });

    const plan = planPairings(config([p0]), actual);

    expect(plan.pairings[0]).toMatchObject({ status: 'Changes', strategy: { chosen: 'group' } });
    expect(peersAdded(plan, 'sg-0')).toEqual([{ kind: 'group', groupId: 'sg-1', ownerId: accountB }]);
    expect(plan.groups.flatMap((g) => (g.revoke ?? []).map((r) => r.rule.ruleId))).toEqual(['sgr-stale']);
  });

  it('a pairing held back by maxChangesPerRun keeps its room: the next pairing does not take it', () => {
    // sg-2 (members do not talk by default) has room for 2 rules: p0 (first by name) needs 2 and is held by
    // the limit of 1; p1 needs 1
    const actual = state({
      groups: [group(accountA, 'sg-2', { ruleCount: 198, innerAccessPolicy: 'Drop' })],
      instances: [instance(accountA, 'i-0', '10.0.0.1', ['sg-0']), instance(accountA, 'i-2', '10.0.0.3', ['sg-2'])],
    });
    const p0 = pairing({
      name: 'p0',
      strategy: 'cidr',
      sides: [
        { ...instanceSide(accountA, 'i-2', 'sg-2'), cidrs: ['10.1.0.0/16'] },
        { ...groupSide(accountA, 'sg-2'), cidrs: ['10.2.0.0/16'] },
      ],
    });
    const p1 = pairing({
      name: 'p1',
      direction: 'first-to-second',
      sides: [instanceSide(accountA, 'i-0'), instanceSide(accountA, 'i-2')],
    });

    const free = planPairings(config([p0, p1], 'prod', { maxChangesPerRun: 1e6 }), actual);
    const limited = planPairings(config([p0, p1], 'prod', { maxChangesPerRun: 1 }), actual);

    expect(free.pairings.map((p) => [p.name, p.status])).toEqual([
      ['p0', 'Changes'],
      ['p1', 'Blocked'],
    ]);
    expect(limited.pairings.map((p) => [p.name, p.status])).toEqual([
      ['p0', 'Blocked'],
      ['p1', 'Blocked'],
    ]);
    expect(limited.counts.rulesToAdd).toBe(0);
  });
});
