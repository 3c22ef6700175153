import { describe, expect, it } from 'vitest';
import type { NormalizedPairing } from '../../shared/config';
import {
  planPairings,
  requiredReads,
  type ActualGroup,
  type ActualInstance,
  type PlanStrategy,
} from '../../shared/plan';
import type { MemberSelector } from '../../shared/rules';
import {
  accountA,
  accountB,
  config,
  group,
  groupSide,
  instance,
  pairing,
  rule,
  state,
  tagSide,
  withRules,
} from './builders';

// How each pairing's sending sides are written, and why: auto, group, addresses, cidr.

const web = groupSide(accountA, 'sg-web');
const db = groupSide(accountB, 'sg-db');
const members = (selector: MemberSelector, ...list: ActualInstance[]): [MemberSelector, ActualInstance[]] => [
  selector,
  list,
];
const webMembers = [
  instance(accountA, 'i-w1', '10.0.0.11', ['sg-web']),
  instance(accountA, 'i-w2', '10.0.0.12', ['sg-web']),
  instance(accountA, 'i-w3', '10.0.0.13', ['sg-web'], { status: 'Pending', privateIp: undefined }),
];
const dbMembers = [instance(accountB, 'i-d1', '10.1.0.11', ['sg-db'], { vpcId: 'vpc-b' })];
const world = (groups: { web?: Partial<ActualGroup>; db?: Partial<ActualGroup> } = {}) =>
  state({
    groups: [group(accountA, 'sg-web', groups.web), group(accountB, 'sg-db', groups.db)],
    members: [
      members({ accountId: accountA, securityGroupId: 'sg-web' }, ...webMembers),
      members({ accountId: accountB, securityGroupId: 'sg-db' }, ...dbMembers),
    ],
  });
const planOf = (p: NormalizedPairing, actual = world()) => planPairings(config([p]), actual);
const peers = (plan: ReturnType<typeof planOf>, groupId: string) =>
  plan.groups.find((g) => g.groupId === groupId)?.add.map((a) => a.rule.peer) ?? [];
const cidr = (c: string) => ({ kind: 'cidr', cidr: c });

describe('auto', () => {
  it('takes group references when both groups share a VPC', () => {
    const plan = planOf(pairing({ name: 'p', sides: [web, db] }));

    expect(plan.pairings[0]?.strategy).toEqual({ chosen: 'group', reason: 'OneVpc' });
    expect(peers(plan, 'sg-db')).toEqual([{ kind: 'group', groupId: 'sg-web', ownerId: accountA }]);
  });

  it.each<[string, { web?: Partial<ActualGroup>; db?: Partial<ActualGroup> }, PlanStrategy]>([
    ['the VPCs differ', { db: { vpcId: 'vpc-b' } }, { chosen: 'addresses', reason: 'DifferentVpcs' }],
    [
      'a receiver is an enterprise group',
      { db: { type: 'enterprise' } },
      { chosen: 'addresses', reason: 'EnterpriseReceiver' },
    ],
    [
      'a receiver has no room for another reference',
      { web: { referencedGroupCount: 20 } },
      { chosen: 'addresses', reason: 'ReferenceLimit' },
    ],
  ])('falls back to one /32 per Running member with an IP when %s', (_why, groups, strategy) => {
    const plan = planOf(pairing({ name: 'p', sides: [web, db] }), world(groups));

    expect(plan.pairings[0]).toMatchObject({ status: 'Changes', strategy });
    expect(peers(plan, 'sg-db')).toEqual([cidr('10.0.0.11/32'), cidr('10.0.0.12/32')]); // i-w3 has no IP yet: not a member
    expect(peers(plan, 'sg-web')).toEqual([cidr('10.1.0.11/32')]);
  });

  it('a reference already there needs no room', () => {
    const present = rule({
      groupId: 'sg-web',
      accountId: accountA,
      peer: { kind: 'group', groupId: 'sg-db', ownerId: accountB },
    });
    const plan = planOf(
      pairing({ name: 'p', sides: [web, db] }),
      state({
        groups: [
          withRules(group(accountA, 'sg-web', { referencedGroupCount: 20 }), [present]),
          group(accountB, 'sg-db'),
        ],
      }),
    );

    expect(plan.pairings[0]?.strategy).toEqual({ chosen: 'group', reason: 'OneVpc' });
  });

  it('counts the references earlier pairings of the plan take: the last slot goes to the first by name', () => {
    const others = [groupSide(accountB, 'sg-x'), groupSide(accountB, 'sg-y')];
    const cfg = config([
      pairing({ name: 'second', sides: [others[1]!, web], direction: 'first-to-second' }),
      pairing({ name: 'first', sides: [others[0]!, web], direction: 'first-to-second' }),
    ]);
    const actual = state({
      groups: [
        group(accountA, 'sg-web', { referencedGroupCount: 19 }),
        group(accountB, 'sg-x'),
        group(accountB, 'sg-y'),
      ],
      members: [
        members({ accountId: accountB, securityGroupId: 'sg-y' }, instance(accountB, 'i-y', '10.0.9.9', ['sg-y'])),
      ],
    });

    const plan = planPairings(cfg, actual);

    expect(plan.pairings.map((p) => [p.name, p.status, p.strategy])).toEqual([
      ['first', 'Changes', { chosen: 'group', reason: 'OneVpc' }],
      ['second', 'Changes', { chosen: 'addresses', reason: 'ReferenceLimit' }],
    ]);
  });

  it('sends by address when no sending side is a group (instances and tags)', () => {
    const tags = tagSide(accountA, { role: 'web' });
    const plan = planOf(
      pairing({ name: 'p', sides: [tags, db], direction: 'first-to-second' }),
      state({
        groups: [group(accountB, 'sg-db')],
        members: [members({ accountId: accountA, tags: { role: 'web' } }, ...webMembers)],
      }),
    );

    expect(plan.pairings[0]).toMatchObject({
      status: 'Changes',
      strategy: { chosen: 'addresses', reason: 'NoGroupSide' },
    });
    expect(peers(plan, 'sg-db')).toEqual([cidr('10.0.0.11/32'), cidr('10.0.0.12/32')]);
  });
});

describe('tag sides', () => {
  const tagged = [
    instance(accountA, 'i-t1', '10.0.0.21', ['sg-t1', 'sg-x']),
    instance(accountA, 'i-t2', '10.0.0.22', ['sg-t2']),
    instance(accountA, 'i-t3', '10.0.0.23', ['sg-t1']),
  ];
  const base = (tagSideOf: ReturnType<typeof tagSide>) =>
    state({
      groups: [
        group(accountA, 'sg-t1'),
        group(accountA, 'sg-t2'),
        group(accountA, 'sg-named'),
        group(accountB, 'sg-db'),
      ],
      members: [
        members({ accountId: accountA, tags: tagSideOf.tags }, ...tagged),
        members({ accountId: accountB, securityGroupId: 'sg-db' }, ...dbMembers),
      ],
    });

  it("receive in each member's first group", () => {
    const side = tagSide(accountA, { role: 'api' });
    const plan = planPairings(
      config([pairing({ name: 'p', sides: [db, side], direction: 'first-to-second', strategy: 'addresses' })]),
      base(side),
    );

    expect(plan.groups.map((g) => [g.groupId, g.add.map((a) => a.rule.peer)])).toEqual([
      ['sg-t1', [cidr('10.1.0.11/32')]],
      ['sg-t2', [cidr('10.1.0.11/32')]],
    ]);
  });

  it('or in the group they name', () => {
    const side = tagSide(accountA, { role: 'api' }, 'sg-named');
    const plan = planPairings(
      config([pairing({ name: 'p', sides: [db, side], direction: 'first-to-second', strategy: 'addresses' })]),
      base(side),
    );

    expect(plan.groups.map((g) => g.groupId)).toEqual(['sg-named']);
  });

  it('a selection with no member yet plans nothing and says so', () => {
    const side = tagSide(accountA, { role: 'none' });
    const plan = planPairings(
      config([pairing({ name: 'p', sides: [side, db], direction: 'first-to-second' })]),
      state({
        groups: [group(accountB, 'sg-db')],
        members: [members({ accountId: accountA, tags: { role: 'none' } })],
      }),
    );

    expect(plan.pairings[0]).toMatchObject({
      status: 'InSync',
      warnings: [{ code: 'NoMembers', message: expect.stringContaining('tags role=none') }],
    });
  });
});

describe('cidr and group', () => {
  it("cidr writes each sending side's ranges, whatever the VPCs", () => {
    const p = pairing({
      name: 'p',
      sides: [
        { ...web, cidrs: ['10.0.0.0/16'] },
        { ...db, cidrs: ['10.1.0.0/24', '10.1.1.0/24'] },
      ],
      strategy: 'cidr',
    });
    const plan = planOf(p, world({ db: { vpcId: 'vpc-b' } }));

    expect(plan.pairings[0]?.strategy).toEqual({ chosen: 'cidr', reason: 'Configured' });
    expect(peers(plan, 'sg-db')).toEqual([cidr('10.0.0.0/16')]);
    expect(peers(plan, 'sg-web')).toEqual([cidr('10.1.0.0/24'), cidr('10.1.1.0/24')]);
  });

  it('group keeps references and blocks where one cannot be (the existing reasons)', () => {
    const plan = planOf(pairing({ name: 'p', sides: [web, db], strategy: 'group' }), world({ db: { vpcId: 'vpc-b' } }));

    expect(plan.pairings[0]).toMatchObject({
      status: 'Blocked',
      reason: 'CrossVpcGroupReference',
      strategy: { chosen: 'group', reason: 'Configured' },
    });
  });
});

describe('requiredReads: members', () => {
  it('lists tag sides at once, and group sides only once they send by address', () => {
    const cfg = config([
      pairing({ name: 'auto', sides: [web, db] }),
      pairing({ name: 'tags', sides: [tagSide(accountA, { role: 'web' }), db], direction: 'first-to-second' }),
      pairing({
        name: 'fixed',
        sides: [groupSide(accountA, 'sg-f'), db],
        direction: 'first-to-second',
        strategy: 'addresses',
      }),
    ]);
    const key = (k: string) => expect.objectContaining({ key: k });

    expect(requiredReads(cfg).memberships).toEqual([key(`${accountA}/members:sg-f`), key(`${accountA}/tags:role=web`)]);
    expect(
      requiredReads(cfg, undefined, undefined, new Map([['auto', { chosen: 'addresses' as const }]])).memberships,
    ).toEqual([
      key(`${accountA}/members:sg-f`),
      key(`${accountA}/members:sg-web`),
      key(`${accountA}/tags:role=web`),
      key(`${accountB}/members:sg-db`),
    ]);
  });
});
