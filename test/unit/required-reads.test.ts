import { describe, expect, it } from 'vitest';
import { requiredReads, type RequiredReads } from '../../shared/plan';
import { accountA, accountB, config, groupSide, instance, instanceSide, pairing, state, tagSide } from './builders';

const cfg = config([
  pairing({ name: 'web-pair', sides: [instanceSide(accountA, 'i-a1'), instanceSide(accountA, 'i-a2', 'sg-web')] }),
  pairing({ name: 'app-db', sides: [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg2')] }),
  pairing({
    name: 'one-way',
    sides: [instanceSide(accountB, 'i-b1'), groupSide(accountB, 'sg-b2')],
    direction: 'first-to-second',
    region: 'cn-beijing',
  }),
]);
const target = (accountId: string, id: string, region = 'cn-qingdao') => ({
  key: `${accountId}/${id}`,
  accountId,
  id,
  region,
});
const roleOf = (accountId: string) => `acs:ram::${accountId}:role/sg-pairing`;

describe('requiredReads', () => {
  it('lists the accounts, groups and instances of the selected pairings', () => {
    const reads = requiredReads(cfg, ['web-pair', 'app-db']);

    const expected: RequiredReads = {
      accounts: [
        { accountId: accountA, alias: 'a', roleArn: roleOf(accountA) },
        { accountId: accountB, alias: 'b', roleArn: roleOf(accountB) },
      ],
      groups: [target(accountA, 'sg-web'), target(accountA, 'sg1'), target(accountB, 'sg2')],
      instances: [target(accountA, 'i-a1'), target(accountA, 'i-a2')],
      memberships: [],
    };
    expect(reads).toEqual(expected);
  });

  it('adds the receiving group of an instance once the instance is known, and every group of a sender (its egress)', () => {
    const known = state({
      instances: [
        instance(accountA, 'i-a1', '10.0.0.1', ['sg-a1', 'sg-x']),
        instance(accountB, 'i-b1', '10.0.1.1', ['sg-b1']),
      ],
    });

    const reads = requiredReads(cfg, undefined, known);

    // i-a1 receives in sg-a1 and sends from both its groups; i-b1 only sends (one-way), from sg-b1
    expect(reads.groups).toEqual([
      target(accountA, 'sg-a1'),
      target(accountA, 'sg-web'),
      target(accountA, 'sg-x'),
      target(accountA, 'sg1'),
      target(accountB, 'sg-b1', 'cn-beijing'),
      target(accountB, 'sg-b2', 'cn-beijing'),
      target(accountB, 'sg2'),
    ]);
    expect(reads.instances).toEqual([
      target(accountA, 'i-a1'),
      target(accountA, 'i-a2'),
      target(accountB, 'i-b1', 'cn-beijing'),
    ]);
  });

  it('throws UnknownPairing for an unknown name', () => {
    expect(() => requiredReads(cfg, ['nope'])).toThrow(expect.objectContaining({ code: 'UnknownPairing' }));
  });

  it('lists a tag side that names its receiving group apart from that group side: each side its own members', () => {
    const shared = config([
      pairing({ name: 'cache', sides: [tagSide(accountA, { role: 'cache' }, 'sg-x'), groupSide(accountB, 'sg2')] }),
      pairing({
        name: 'by-address',
        strategy: 'addresses',
        sides: [groupSide(accountA, 'sg-x'), groupSide(accountB, 'sg3')],
      }),
    ]);

    const reads = requiredReads(shared);

    expect(reads.memberships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ accountId: accountA, tags: { role: 'cache' } }),
        expect.objectContaining({ accountId: accountA, securityGroupId: 'sg-x' }),
      ]),
    );
    expect(new Set(reads.memberships.map((m) => m.key)).size).toBe(reads.memberships.length);
  });
});

describe('requiredReads for the egress check', () => {
  const oneWay = (egress: 'check' | 'manage') =>
    config([
      pairing({
        name: 'one-way',
        sides: [instanceSide(accountB, 'i-b1'), groupSide(accountB, 'sg-b2')],
        direction: 'first-to-second',
        ...(egress === 'manage' ? { egress } : {}), // normalized: check is the absent default
      }),
    ]);
  const known = state({ instances: [instance(accountB, 'i-b1', '10.0.1.1', ['sg-b1', 'sg-b9'])] });

  it('reads every group of a sender under egress: check, to judge its egress', () => {
    expect(requiredReads(oneWay('check'), undefined, known).groups.map((g) => g.id)).toEqual([
      'sg-b1',
      'sg-b2',
      'sg-b9',
    ]);
  });

  it('under egress: manage reads only the group it writes the egress in (nothing to warn)', () => {
    expect(requiredReads(oneWay('manage'), undefined, known).groups.map((g) => g.id)).toEqual(['sg-b1', 'sg-b2']);
  });
});
