/** fast-check arbitraries over a small universe (2 accounts, 4 groups, 4 instances, 2 tags) so rules collide often. */
import fc from 'fast-check';
import type { NormalizedPairing, PairingSide } from '../../shared/config';
import type { AccountFailure, ActualGroup, ActualInstance, ActualState } from '../../shared/plan';
import { factKey, memberKey, type CanonicalRule, type RulePeer } from '../../shared/rules';
import { accountA, accountB, groupSide, instanceSide, pairing, tagSide } from './builders';

const indices = [0, 1, 2, 3] as const;
const ownerOf = (i: number) => (i % 2 === 0 ? accountA : accountB);
const groupId = (i: number) => `sg-${i}`;
const instanceId = (i: number) => `i-${i}`;
const ipOf = (i: number) => `10.0.0.${i + 1}`;

const roles = ['web', 'db'] as const;
const index = fc.constantFrom(...indices);

const sideArb: fc.Arbitrary<PairingSide> = fc.oneof(
  index.map((i) => groupSide(ownerOf(i), groupId(i))),
  index.map((i) => instanceSide(ownerOf(i), instanceId(i))),
  fc
    .tuple(index, fc.option(index, { freq: 3, nil: undefined }))
    .map(([i, g]) => instanceSide(ownerOf(i), instanceId(i), groupId(g ?? i))),
  fc
    .tuple(index, fc.constantFrom(...roles), fc.option(index, { freq: 2, nil: undefined }))
    .map(([i, role, g]) => tagSide(ownerOf(i), { role }, g === undefined ? undefined : groupId(g))),
);

/** auto mostly; addresses; cidr with each side's own range (`cidrs` on every side, as the config checks demand of senders) */
const strategyArb = fc.oneof(
  { arbitrary: fc.constant('auto' as const), weight: 4 },
  { arbitrary: fc.constant('addresses' as const), weight: 1 },
  { arbitrary: fc.constant('cidr' as const), weight: 1 },
);
const withCidrs = (side: PairingSide, n: number): PairingSide => ({ ...side, cidrs: [`10.${n}.0.0/16`] });

const trafficArb = fc.constantFrom(
  { protocol: 'all' as const, ports: '-1/-1' },
  { protocol: 'tcp' as const, ports: '22/22' },
  { protocol: 'udp' as const, ports: '53/53' },
);

export const pairingsArb: fc.Arbitrary<NormalizedPairing[]> = fc
  .array(
    fc.record({
      sides: fc.tuple(sideArb, sideArb),
      traffic: trafficArb,
      direction: fc.constantFrom('both' as const, 'first-to-second' as const),
      priority: fc.integer({ min: 1, max: 3 }),
      strategy: strategyArb,
      prune: fc.oneof(
        { arbitrary: fc.constant('owned' as const), weight: 3 },
        { arbitrary: fc.constant('off' as const), weight: 1 },
      ),
    }),
    { maxLength: 6 },
  )
  .map((items) =>
    items.map((p, n) => {
      const sides = p.strategy === 'cidr' ? ([withCidrs(p.sides[0], 1), withCidrs(p.sides[1], 2)] as const) : p.sides;
      return pairing({
        name: `p${n}`,
        sides,
        ...p.traffic,
        direction: p.direction,
        priority: p.priority,
        strategy: p.strategy,
        prune: p.prune,
      });
    }),
  );

const peerArb: fc.Arbitrary<RulePeer> = fc.oneof(
  index.map((i): RulePeer => ({ kind: 'cidr', cidr: `${ipOf(i)}/32` })),
  fc.constant<RulePeer>({ kind: 'cidr', cidr: '10.0.0.0/24' }),
  fc.constant<RulePeer>({ kind: 'cidr', cidr: '10.1.0.0/16' }),
  index.map((i): RulePeer => ({ kind: 'group', groupId: groupId(i), ownerId: ownerOf(i) })),
  fc.constant<RulePeer>({ kind: 'ipv6-cidr', cidr: '::/0' }),
);

function rulesArb(i: number): fc.Arbitrary<CanonicalRule[]> {
  // owned rules of declared (p0, p1) and no longer declared (gone) pairings, foreign ones, and near misses
  const descriptionArb = fc.constantFrom(
    '',
    'by hand',
    'sg-pairing:other:x',
    'sg-pairing:prod:p0',
    'sg-pairing:prod:p1',
    'sg-pairing:prod:gone',
    'sg-pairing:prod:p0 ',
  );
  const ruleArb = fc.record({
    traffic: trafficArb,
    peer: peerArb,
    policy: fc.constantFrom('accept' as const, 'drop' as const),
    priority: fc.integer({ min: 1, max: 3 }),
    description: descriptionArb,
  });
  return fc.array(ruleArb, { maxLength: 6 }).map((rules) =>
    rules.map((r, n): CanonicalRule => ({
      groupId: groupId(i),
      accountId: ownerOf(i),
      ...r.traffic,
      peer: r.peer,
      policy: r.policy,
      priority: r.priority,
      nicType: 'intranet',
      description: r.description,
      ruleId: `sgr-${i}-${n}`,
    })),
  );
}

function groupArb(i: number): fc.Arbitrary<ActualGroup | undefined> {
  const present = fc
    .record({
      vpcId: fc.oneof({ arbitrary: fc.constant('vpc-1'), weight: 6 }, { arbitrary: fc.constant('vpc-2'), weight: 1 }),
      type: fc.oneof(
        { arbitrary: fc.constant('normal' as const), weight: 6 },
        { arbitrary: fc.constant('enterprise' as const), weight: 1 },
      ),
      innerAccessPolicy: fc.constantFrom('Accept', 'Drop'),
      rules: rulesArb(i),
      extraRules: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 190, max: 198 })),
      referencedGroupCount: fc.integer({ min: 0, max: 20 }),
    })
    .map(({ extraRules, rules, ...g }): ActualGroup => ({
      accountId: ownerOf(i),
      groupId: groupId(i),
      ...g,
      rules,
      ruleCount: rules.length + extraRules,
    }));
  return fc.option(present, { freq: 15, nil: undefined });
}

function instanceArb(i: number): fc.Arbitrary<(ActualInstance & { role: string }) | undefined> {
  const present = fc
    .record({
      status: fc.oneof(
        { arbitrary: fc.constant('Running'), weight: 9 },
        { arbitrary: fc.constant('Stopped'), weight: 1 },
      ),
      vpcId: fc.constantFrom('vpc-1', 'vpc-2'),
      extraGroup: fc.option(index, { nil: undefined }),
      role: fc.constantFrom(...roles),
    })
    .map(({ status, vpcId, extraGroup, role }): ActualInstance & { role: string } => ({
      role,
      accountId: ownerOf(i),
      instanceId: instanceId(i),
      status,
      privateIp: ipOf(i),
      vpcId,
      securityGroupIds: extraGroup === undefined ? [groupId(i)] : [groupId(i), groupId(extraGroup)],
    }));
  return fc.option(present, { freq: 15, nil: undefined });
}

const failureArb: fc.Arbitrary<AccountFailure[]> = fc.oneof(
  { arbitrary: fc.constant<AccountFailure[]>([]), weight: 5 },
  {
    arbitrary: fc.constant<AccountFailure[]>([
      { accountId: accountB, code: 'AssumeRoleDenied', message: 'denied', retryable: false },
    ]),
    weight: 1,
  },
);

/**
 * A consistent world: each group's and each tag's members are listed from the same instances
 * (an instance carries `role: web` or `role: db`).
 */
export const actualStateArb: fc.Arbitrary<ActualState> = fc
  .record({
    groups: fc.tuple(...indices.map(groupArb)),
    instances: fc.tuple(...indices.map(instanceArb)),
    accountFailures: failureArb,
  })
  .map(({ groups, instances, accountFailures }) => {
    const present = instances.filter((x) => x !== undefined);
    const strip = ({ role: _role, ...rest }: ActualInstance & { role: string }): ActualInstance => rest;
    const members: [string, ActualInstance[]][] = [accountA, accountB].flatMap((accountId) => [
      ...indices.map((i): [string, ActualInstance[]] => [
        memberKey({ accountId, securityGroupId: groupId(i) }),
        present.filter((x) => x.accountId === accountId && x.securityGroupIds.includes(groupId(i))).map(strip),
      ]),
      ...roles.map((role): [string, ActualInstance[]] => [
        memberKey({ accountId, tags: { role } }),
        present.filter((x) => x.accountId === accountId && x.role === role).map(strip),
      ]),
    ]);
    return {
      groups: Object.fromEntries(
        groups.filter((g) => g !== undefined).map((g) => [factKey(g.accountId, g.groupId), g]),
      ),
      instances: Object.fromEntries(present.map((x) => [factKey(x.accountId, x.instanceId), strip(x)])),
      memberInstances: Object.fromEntries(members),
      accountFailures,
    };
  });

/** A permutation of 0..n-1 for shuffling. */
export function permutationArb(n: number): fc.Arbitrary<number[]> {
  const all = Array.from({ length: n }, (_, i) => i);
  return fc.shuffledSubarray(all, { minLength: n, maxLength: n });
}
