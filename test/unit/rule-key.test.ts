import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeRule, ruleKey, type RawPermission } from '../../shared/rules';
import { accountA, accountB, rule } from './builders';

const holder = { accountId: accountA, groupId: 'sg-a1' };

describe('ruleKey', () => {
  it('names group, protocol, ports, peer, policy, priority and nicType, and not the description', () => {
    const a = rule({
      ...holder,
      protocol: 'tcp',
      ports: '22/22',
      peer: { kind: 'group', groupId: 'sg-b', ownerId: accountB },
      priority: 3,
      description: 'x',
    });

    expect([ruleKey(a), ruleKey({ ...a, description: 'y', ruleId: 'sgr-1' })]).toEqual([
      `${accountA}/sg-a1|tcp|22/22|group:${accountB}/sg-b|accept|3|intranet`,
      `${accountA}/sg-a1|tcp|22/22|group:${accountB}/sg-b|accept|3|intranet`,
    ]);
  });

  it('never gives an unmatchable rule the key of a matchable one', () => {
    const a = rule({ ...holder, peer: { kind: 'cidr', cidr: '10.0.0.2/32' } });

    expect(ruleKey({ ...a, unmatchable: 'quintuple' })).not.toBe(ruleKey(a));
  });
});

/** One rule in the many spellings the API may use. */
const spelledRule = fc
  .record({
    protocol: fc.constantFrom('all', 'tcp', 'udp', 'icmp'),
    ip: fc.tuple(fc.nat(255), fc.nat(255)).map(([x, y]) => `10.0.${x}.${y}`),
    group: fc.option(fc.constantFrom('sg-b1', 'sg-b2'), { nil: undefined }),
    priority: fc.integer({ min: 1, max: 100 }),
    drop: fc.boolean(),
  })
  .chain((r) =>
    fc.tuple(
      fc.constant(r),
      fc.record({
        upper: fc.boolean(),
        bareIp: fc.boolean(),
        capitalPolicy: fc.boolean(),
        emptyOwner: fc.boolean(),
        emptyPriority: fc.boolean(),
        emptyNicType: fc.boolean(),
        description: fc.string(),
      }),
    ),
  );

type Spelled = typeof spelledRule extends fc.Arbitrary<infer T> ? T : never;

function spell([r, s]: Spelled): RawPermission {
  const policy = r.drop ? 'drop' : 'accept';
  return {
    Direction: 'ingress',
    IpProtocol: s.upper ? r.protocol.toUpperCase() : r.protocol,
    PortRange: r.protocol === 'tcp' || r.protocol === 'udp' ? '80/80' : '-1/-1',
    SourceCidrIp: r.group === undefined ? (s.bareIp ? r.ip : `${r.ip}/32`) : '',
    SourceGroupId: r.group ?? '',
    SourceGroupOwnerAccount: r.group === undefined || s.emptyOwner ? '' : accountA,
    Policy: s.capitalPolicy ? policy[0]?.toUpperCase() + policy.slice(1) : policy,
    Priority: r.priority === 1 && s.emptyPriority ? '' : String(r.priority),
    NicType: s.emptyNicType ? '' : 'intranet',
    Description: s.description,
  };
}

describe('canonicalizeRule properties', () => {
  it('gives every spelling of a rule one key, the key of its plain spelling', () => {
    fc.assert(
      fc.property(spelledRule, ([r, s]) => {
        const plain = {
          upper: false,
          bareIp: false,
          capitalPolicy: false,
          emptyOwner: false,
          emptyPriority: false,
          emptyNicType: false,
          description: '',
        };

        expect(ruleKey(canonicalizeRule(spell([r, s]), holder))).toBe(
          ruleKey(canonicalizeRule(spell([r, plain]), holder)),
        );
      }),
    );
  });

  it('diff of a rule set against itself, spelled otherwise and in another order, is empty', () => {
    const twoSpellings = fc.array(
      fc.tuple(
        spelledRule,
        spelledRule.map(([, s]) => s),
      ),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(twoSpellings, fc.integer(), (rules, seed) => {
        const desired = rules.map(([x]) => ruleKey(canonicalizeRule(spell(x), holder)));
        const read = rules.map(([[r], s]) => ruleKey(canonicalizeRule(spell([r, s]), holder)));
        const rotated = read.map((_, i) => read[(i + Math.abs(seed)) % read.length] as string);

        const present = new Set(rotated);
        expect(desired.filter((k) => !present.has(k))).toEqual([]);
      }),
    );
  });
});
