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

  it('adds the receiving group of an instance once the instance is known, only if it receives', () => {
    const known = state({
      instances: [
        instance(accountA, 'i-a1', '10.0.0.1', ['sg-a1', 'sg-x']),
        instance(accountB, 'i-b1', '10.0.1.1', ['sg-b1']),
      ],
    });

    const reads = requiredReads(cfg, undefined, known);

    expect(reads.groups).toEqual([
      target(accountA, 'sg-a1'),
      target(accountA, 'sg-web'),
      target(accountA, 'sg1'),
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
