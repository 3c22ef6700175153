import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedPairing } from '../../shared/config';
import { configAccounts, pairingAccounts, splitIntoShards } from '../../shared/fanout';
import { config, groupSide, instanceSide, pairing } from './builders';

const uid = (n: number) => String(1_000_000_000_000_000 + n);

/** Pairings over up to 40 accounts: same-account and cross-account, group and instance sides. */
const pairingsArb: fc.Arbitrary<NormalizedPairing[]> = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 39 }), fc.boolean()), { maxLength: 80 })
  .map((pairs) =>
    pairs.map(([x, y, byInstance], n) =>
      pairing({
        name: `p${n}`,
        sides: [
          byInstance ? instanceSide(uid(x), `i-${n}x`) : groupSide(uid(x), `sg-${n}x`),
          groupSide(uid(y), `sg-${n}y`),
        ],
      }),
    ),
  );

describe('splitIntoShards', () => {
  it('puts the pairings of few accounts in one shard', () => {
    const p = [
      pairing({ name: 'web', sides: [instanceSide(uid(1), 'i-1'), instanceSide(uid(1), 'i-2')] }),
      pairing({ name: 'app-db', sides: [groupSide(uid(1), 'sg-1'), groupSide(uid(2), 'sg-2')] }),
    ];
    expect(splitIntoShards(p, 20)).toEqual([{ index: 0, accounts: [uid(1), uid(2)], pairings: ['web', 'app-db'] }]);
  });

  it('keeps each shard within the limit and the pairings of an account together', () => {
    const p = [1, 2, 3, 4, 5].flatMap((a) => [
      pairing({ name: `in-${a}`, sides: [groupSide(uid(a), `sg-${a}a`), groupSide(uid(a), `sg-${a}b`)] }),
      pairing({ name: `more-${a}`, sides: [instanceSide(uid(a), `i-${a}`), groupSide(uid(a), `sg-${a}a`)] }),
    ]);
    expect(splitIntoShards(p, 2)).toEqual([
      { index: 0, accounts: [uid(1), uid(2)], pairings: ['in-1', 'more-1', 'in-2', 'more-2'] },
      { index: 1, accounts: [uid(3), uid(4)], pairings: ['in-3', 'more-3', 'in-4', 'more-4'] },
      { index: 2, accounts: [uid(5)], pairings: ['in-5', 'more-5'] },
    ]);
  });

  it('a cross-account pairing alone may exceed a limit of one account', () => {
    const p = [
      pairing({ name: 'x', sides: [groupSide(uid(1), 'sg-1'), groupSide(uid(2), 'sg-2')] }),
      pairing({ name: 'y', sides: [groupSide(uid(1), 'sg-1'), groupSide(uid(1), 'sg-3')] }),
    ];
    expect(splitIntoShards(p, 1)).toEqual([
      { index: 0, accounts: [uid(1)], pairings: ['y'] },
      { index: 1, accounts: [uid(1), uid(2)], pairings: ['x'] },
    ]);
  });

  it('refuses a limit below one', () => {
    expect(() => splitIntoShards([], 0)).toThrow(
      expect.objectContaining({ code: 'InvalidShardLimit', retryable: false }),
    );
  });

  it('no pairings, no shards', () => {
    expect(splitIntoShards([], 5)).toEqual([]);
  });

  it('configAccounts counts the accounts pairings act in', () => {
    const c = config([
      pairing({ name: 'a', sides: [groupSide(uid(2), 'sg-1'), groupSide(uid(1), 'sg-2')] }),
      pairing({ name: 'b', sides: [groupSide(uid(2), 'sg-3'), groupSide(uid(2), 'sg-4')] }),
    ]);
    expect(configAccounts(c)).toEqual([uid(1), uid(2)]);
  });
});

describe('splitIntoShards properties', () => {
  const limitArb = fc.integer({ min: 1, max: 25 });

  it('every pairing is in exactly one shard', () => {
    fc.assert(
      fc.property(pairingsArb, limitArb, (pairings, limit) => {
        const names = splitIntoShards(pairings, limit).flatMap((s) => s.pairings);
        expect([...names].sort()).toEqual(pairings.map((p) => p.name).sort());
      }),
    );
  });

  it("each shard acts in at most `limit` accounts, unless it holds a single pairing that alone exceeds it; its accounts are exactly its pairings'", () => {
    fc.assert(
      fc.property(pairingsArb, limitArb, (pairings, limit) => {
        const byName = new Map(pairings.map((p) => [p.name, p]));
        for (const shard of splitIntoShards(pairings, limit)) {
          const accounts = [...new Set(shard.pairings.flatMap((n) => pairingAccounts(byName.get(n)!)))].sort();
          expect(shard.accounts).toEqual(accounts);
          if (accounts.length > limit) expect(shard.pairings).toHaveLength(1);
        }
      }),
    );
  });

  it('is deterministic, whatever the order of the pairings in the config', () => {
    fc.assert(
      fc.property(pairingsArb, limitArb, fc.infiniteStream(fc.integer()), (pairings, limit, seeds) => {
        const shuffled = pairings
          .map((p) => ({ p, k: seeds.next().value }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.p);
        expect(splitIntoShards(shuffled, limit)).toEqual(splitIntoShards(pairings, limit));
      }),
    );
  });

  it('with a limit of two or more no shard exceeds it, and shards are numbered from 0', () => {
    fc.assert(
      fc.property(pairingsArb, fc.integer({ min: 2, max: 25 }), (pairings, limit) => {
        const shards = splitIntoShards(pairings, limit);
        expect(shards.every((s) => s.accounts.length <= limit && s.pairings.length > 0)).toBe(true);
        expect(shards.map((s) => s.index)).toEqual(shards.map((_, i) => i));
      }),
    );
  });
});
