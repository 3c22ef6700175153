import type { EcsPort } from '../cloud/port';
import { withRetry, type RetryPolicy } from '../cloud/retry';
import { toSgPairingError } from '../errors';
import type { Logger } from '../log';
import type { PlanGroupRef, PlanRecord, PlanWarning } from '../plan';
import { factKey, RECORD_TAG_VALUE } from '../rules';
import type { ChangeResult } from './apply-group-changes';
import { chunk } from './chunk';

/** TagResources and UntagResources take at most 50 ResourceId values. */
export const MAX_RESOURCES_PER_TAG_CALL = 50;

export interface RecordDeps {
  /** ECS for an account, its calls paced per account; rejects when its role cannot be assumed */
  ecsFor(accountId: string): Promise<EcsPort>;
  retry: RetryPolicy;
  log: Logger;
  /** groups known to carry the tag, kept across runs: updated with what this run tags and untags */
  taggedGroups?: Set<string>;
}

/** What the record's calls did: groups as `<account>/<group>`; a failed call is a warning, never a failed run. */
export interface RecordOutcome {
  tagged: string[];
  untagged: string[];
  warnings: PlanWarning[];
}

/**
 * Tags the groups the plan records, per account up to 50 a call, accounts and batches in parallel.
 * Run beside the rule writes (not before them), so a run that adds rules gains no round trip. A
 * failed call costs only the record: the rules are unaffected, and the next sweep tags again.
 */
export function tagRecordedGroups(record: PlanRecord | undefined, deps: RecordDeps): Promise<RecordOutcome> {
  if (record === undefined) return Promise.resolve(empty());
  return inBatches(
    record.tag,
    'tag',
    deps,
    (ecs, ids) => ecs.tagGroups(ids, record.key, RECORD_TAG_VALUE),
    (keys) => keys.forEach((k) => deps.taggedGroups?.add(k)),
  );
}

/**
 * Untags the recorded groups the plan leaves without an owned rule, once every change of the group
 * succeeded (a revocation that failed leaves its rule, so the group keeps the tag for the next sweep).
 */
export function untagRecordedGroups(
  record: PlanRecord | undefined,
  changes: readonly ChangeResult[],
  deps: RecordDeps,
): Promise<RecordOutcome> {
  if (record === undefined) return Promise.resolve(empty());
  const failed = new Set(changes.filter((c) => c.status === 'failed').map((c) => factKey(c.accountId, c.groupId)));
  const groups = record.untag.filter((g) => !failed.has(factKey(g.accountId, g.groupId)));
  return inBatches(
    groups,
    'untag',
    deps,
    (ecs, ids) => ecs.untagGroups(ids, record.key),
    (keys) => keys.forEach((k) => deps.taggedGroups?.delete(k)),
  );
}

/** Merges the outcomes of the two phases. */
export function recordOutcome(...outcomes: RecordOutcome[]): RecordOutcome {
  return {
    tagged: outcomes.flatMap((o) => o.tagged),
    untagged: outcomes.flatMap((o) => o.untagged),
    warnings: outcomes.flatMap((o) => o.warnings),
  };
}

async function inBatches(
  groups: readonly PlanGroupRef[],
  action: 'tag' | 'untag',
  deps: RecordDeps,
  send: (ecs: EcsPort, ids: string[]) => Promise<void>,
  done: (keys: string[]) => void,
): Promise<RecordOutcome> {
  const byAccount = new Map<string, string[]>();
  for (const g of groups) byAccount.set(g.accountId, [...(byAccount.get(g.accountId) ?? []), g.groupId]);
  const out = empty();
  const batches = [...byAccount].flatMap(([accountId, ids]) =>
    chunk(ids, MAX_RESOURCES_PER_TAG_CALL).map((batch) => ({ accountId, batch })),
  );
  await Promise.all(
    batches.map(async ({ accountId, batch }) => {
      const keys = batch.map((id) => factKey(accountId, id));
      const log = deps.log.child({ account: accountId });
      try {
        const ecs = await deps.ecsFor(accountId);
        // both calls are idempotent: a retried one that had landed changes nothing
        await withRetry(() => send(ecs, batch), deps.retry);
        done(keys);
        (action === 'tag' ? out.tagged : out.untagged).push(...keys);
        log.info(action === 'tag' ? 'record-tag' : 'record-untag', { result: 'applied', groups: batch });
      } catch (err) {
        const e = toSgPairingError(err, { account: accountId });
        log.warn(action === 'tag' ? 'record-tag' : 'record-untag', {
          result: 'failed',
          code: e.code,
          message: e.message,
          groups: batch,
        });
        const what =
          action === 'tag'
            ? 'tagged: the next sweep tags it again (its rules are unaffected)'
            : 'untagged: the next sweep tries again';
        out.warnings.push(
          ...batch.map((groupId) => ({
            code: action === 'tag' ? 'RecordTagFailed' : 'RecordUntagFailed',
            message: `group ${groupId} could not be ${what}: ${e.code}: ${e.message}`,
            accountId,
            groupId,
          })),
        );
      }
    }),
  );
  const sorted = (xs: string[]) => xs.sort();
  return {
    tagged: sorted(out.tagged),
    untagged: sorted(out.untagged),
    warnings: out.warnings.sort((a, b) =>
      (a.accountId ?? '') + (a.groupId ?? '') < (b.accountId ?? '') + (b.groupId ?? '') ? -1 : 1,
    ),
  };
}

function empty(): RecordOutcome {
  return { tagged: [], untagged: [], warnings: [] };
}
