import { describe, expect, it } from 'vitest';
import { tagRecordedGroups, untagRecordedGroups } from '../../shared/apply/apply-record';
import type { ChangeResult } from '../../shared/apply/apply-group-changes';
import type { EcsPort } from '../../shared/cloud/port';
import { SgPairingError } from '../../shared/errors';
import { silentLogger } from '../../shared/log';
import type { PlanRecord } from '../../shared/plan';
import { accountA, accountB } from './builders';
import { cloudErrorCode } from '../../shared/error-codes';

// The record's writes: per account, up to 50 groups a call; a failure is a warning, never thrown.

const retry = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `sg-${String(i).padStart(3, '0')}`);

/** An EcsPort that records the record's calls and refuses those naming `refused`. */
function recordingPort(account: string, calls: string[], refused = new Set<string>()): EcsPort {
  const call = (action: string, groupIds: string[]) => {
    calls.push(`${account} ${action} ${groupIds.length} ${groupIds[0]}`);
    if (groupIds.some((g) => refused.has(g)))
      return Promise.reject(new SgPairingError('no', { code: cloudErrorCode('Forbidden.RAM'), retryable: false }));
    return Promise.resolve();
  };
  return { tagGroups: (g) => call('tag', g), untagGroups: (g) => call('untag', g) } as Partial<EcsPort> as EcsPort;
}

describe('tagRecordedGroups / untagRecordedGroups', () => {
  it('tags per account in calls of at most 50 groups, and remembers what it tagged', async () => {
    const calls: string[] = [];
    const tagged = new Set<string>();
    const record: PlanRecord = {
      key: 'sg-pairing:prod',
      listed: true,
      tag: [...ids(120).map((groupId) => ({ accountId: accountA, groupId })), { accountId: accountB, groupId: 'sg-b' }],
      untag: [],
    };

    const out = await tagRecordedGroups(record, {
      ecsFor: async (a) => recordingPort(a, calls),
      retry,
      log: silentLogger,
      taggedGroups: tagged,
    });

    expect(calls.sort()).toEqual([
      `${accountA} tag 20 sg-100`,
      `${accountA} tag 50 sg-000`,
      `${accountA} tag 50 sg-050`,
      `${accountB} tag 1 sg-b`,
    ]);
    expect(out.tagged).toHaveLength(121);
    expect(out.warnings).toEqual([]);
    expect(tagged.size).toBe(121);
  });

  it('a refused call is a warning per group; untagging skips a group whose revocation failed', async () => {
    const calls: string[] = [];
    const tagged = new Set([`${accountA}/sg-x`, `${accountA}/sg-y`, `${accountA}/sg-z`]);
    const record: PlanRecord = {
      key: 'sg-pairing:prod',
      listed: true,
      tag: [{ accountId: accountA, groupId: 'sg-refused' }],
      untag: ['sg-x', 'sg-y'].map((groupId) => ({ accountId: accountA, groupId })),
    };
    const deps = {
      ecsFor: async (a: string) => recordingPort(a, calls, new Set(['sg-refused'])),
      retry,
      log: silentLogger,
      taggedGroups: tagged,
    };
    const failedRevoke = {
      accountId: accountA,
      groupId: 'sg-y',
      pairing: 'old',
      action: 'revoke',
      status: 'failed',
    } as ChangeResult;

    const tags = await tagRecordedGroups(record, deps);
    const untags = await untagRecordedGroups(record, [failedRevoke], deps);

    expect(tags).toEqual({
      tagged: [],
      untagged: [],
      warnings: [
        {
          code: 'RecordTagFailed',
          message: expect.stringContaining('Forbidden.RAM'),
          accountId: accountA,
          groupId: 'sg-refused',
        },
      ],
    });
    expect(untags).toEqual({ tagged: [], untagged: [`${accountA}/sg-x`], warnings: [] });
    expect([...tagged].sort()).toEqual([`${accountA}/sg-y`, `${accountA}/sg-z`]);
    expect(calls).toEqual([`${accountA} tag 1 sg-refused`, `${accountA} untag 1 sg-x`]);
  });
});
