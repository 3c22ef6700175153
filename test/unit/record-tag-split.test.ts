import { describe, expect, it } from 'vitest';
import { tagRecordedGroups, untagRecordedGroups } from '../../shared/apply/apply-record';
import type { EcsPort } from '../../shared/cloud/port';
import { cloudErrorCode } from '../../shared/error-codes';
import { SgPairingError } from '../../shared/errors';
import { silentLogger } from '../../shared/log';
import type { PlanRecord } from '../../shared/plan';
import { accountA } from './builders';

// A refused tag (untag) call is split while the refusal may be one group's, so only that group
// goes without; a refusal of the request itself is not split.

const retry = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `sg-${String(i).padStart(3, '0')}`);
const refusal = (code: string, retryable = false) =>
  new SgPairingError('no', { code: cloudErrorCode(code), retryable });

/** Records each call's group count; refuses with `error` any call naming a group of `refused` (every call when empty). */
function port(calls: number[], error: SgPairingError, refused: Set<string>): EcsPort {
  const call = (groupIds: string[]) => {
    calls.push(groupIds.length);
    return refused.size === 0 || groupIds.some((g) => refused.has(g)) ? Promise.reject(error) : Promise.resolve();
  };
  return { tagGroups: (g) => call(g), untagGroups: (g) => call(g) } as Partial<EcsPort> as EcsPort;
}

const record = (groups: string[]): PlanRecord => ({
  key: 'sg-pairing:prod',
  listed: true,
  tag: groups.map((groupId) => ({ accountId: accountA, groupId })),
  untag: groups.map((groupId) => ({ accountId: accountA, groupId })),
});

describe('splitting a refused record batch', () => {
  it.each(['InvalidTagCount', 'InvalidResourceId.NotFound', 'Forbidden.RAM'])(
    'a %s refusal naming two of 50 groups: 48 tagged, a warning for each of the two',
    async (code) => {
      const calls: number[] = [];
      const out = await tagRecordedGroups(record(ids(50)), {
        ecsFor: async () => port(calls, refusal(code), new Set(['sg-007', 'sg-031'])),
        retry,
        log: silentLogger,
      });

      expect(out.tagged).toHaveLength(48);
      expect(out.warnings.map((w) => [w.code, w.groupId])).toEqual([
        ['RecordTagFailed', 'sg-007'],
        ['RecordTagFailed', 'sg-031'],
      ]);
      expect(out.warnings[0]?.message).toContain(code);
      expect(calls[0]).toBe(50);
      expect(calls.length).toBeLessThan(25);
    },
  );

  it('untagging splits the same way', async () => {
    const calls: number[] = [];
    const out = await untagRecordedGroups(record(ids(10)), [], {
      ecsFor: async () => port(calls, refusal('InvalidResourceId.NotFound'), new Set(['sg-004'])),
      retry,
      log: silentLogger,
    });

    expect(out.untagged).toHaveLength(9);
    expect(out.warnings.map((w) => [w.code, w.groupId])).toEqual([['RecordUntagFailed', 'sg-004']]);
  });

  it.each([
    ['a malformed tag key', refusal('InvalidTagKey.Malformed')],
    ['a refused signature', refusal('SignatureDoesNotMatch')],
    ['a transient failure past the retries', refusal('ServiceUnavailable', true)],
  ])('%s is not split: one call, a warning for every group', async (_what, error) => {
    const calls: number[] = [];
    const out = await tagRecordedGroups(record(ids(50)), {
      ecsFor: async () => port(calls, error, new Set()),
      retry,
      log: silentLogger,
    });

    expect(calls).toEqual([50]);
    expect(out.tagged).toEqual([]);
    expect(out.warnings).toHaveLength(50);
  });

  it('an account whose role cannot be assumed sends nothing: a warning for every group', async () => {
    const out = await tagRecordedGroups(record(ids(3)), {
      ecsFor: () => Promise.reject(refusal('AccessDenied')),
      retry,
      log: silentLogger,
    });

    expect(out.warnings.map((w) => w.groupId)).toEqual(ids(3));
  });
});
