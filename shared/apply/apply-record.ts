import type { EcsPort } from '../cloud/port';
import { withRetry, type RetryPolicy } from '../cloud/retry';
import { toSgPairingError, type SgPairingError } from '../errors';
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
  /** rules whose legacy marker was rewritten with the deployment id, `<account>/<group>/<rule id>` (see apply-remarks.ts) */
  remarked?: string[];
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
    (ecs, ids) => ecs.tagGroups(ids, record.key, record.value ?? RECORD_TAG_VALUE),
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
  const remarked = outcomes.flatMap((o) => o.remarked ?? []);
  return {
    tagged: outcomes.flatMap((o) => o.tagged),
    untagged: outcomes.flatMap((o) => o.untagged),
    warnings: outcomes.flatMap((o) => o.warnings),
    ...(remarked.length === 0 ? {} : { remarked }),
  };
}

/**
 * Codes that refuse a tag call whatever its resources (the request itself is malformed or its
 * signature or credentials refused): splitting the batch cannot help. Any other refusal may be one
 * resource's (20 tags already, gone, outside the role's RAM scope), so the batch is split.
 */
const REQUEST_WIDE = [
  'InvalidTagKey',
  'InvalidTagValue',
  'InvalidParameter',
  'MissingParameter',
  'InvalidResourceType',
  'InvalidRegionId',
  'InvalidAccessKeyId',
  'InvalidSecurityToken',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidTimeStamp',
  'SignatureNonceUsed',
];
const perResource = (e: SgPairingError) =>
  !e.retryable && !REQUEST_WIDE.some((code) => e.code === code || e.code.startsWith(`${code}.`));

/** One account's tag or untag calls, and where their outcomes go. */
interface BatchCall {
  readonly accountId: string;
  readonly action: 'tag' | 'untag';
  readonly log: Logger;
  readonly out: RecordOutcome;
  readonly deps: RecordDeps;
  readonly send: (ecs: EcsPort, ids: string[]) => Promise<void>;
  readonly done: (keys: string[]) => void;
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
      const call: BatchCall = { accountId, action, log: deps.log.child({ account: accountId }), out, deps, send, done };
      let ecs: EcsPort;
      try {
        ecs = await deps.ecsFor(accountId);
      } catch (err) {
        failed(call, batch, toSgPairingError(err, { account: accountId }));
        return;
      }
      await sendSplitting(call, ecs, batch);
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

/**
 * One call for the batch; refused for what may be one resource's reason, the batch is halved and
 * each half sent again, so one group at its 20-tag limit (or gone, or outside the role's scope)
 * costs only its own tag: about 2·log2(50) more calls for one such group in 50.
 */
async function sendSplitting(call: BatchCall, ecs: EcsPort, batch: string[]): Promise<void> {
  try {
    // both calls are idempotent: a retried one that had landed changes nothing
    await withRetry(() => call.send(ecs, batch), call.deps.retry);
  } catch (err) {
    const e = toSgPairingError(err, { account: call.accountId });
    if (batch.length === 1 || !perResource(e)) {
      failed(call, batch, e);
      return;
    }
    call.log.info(call.action === 'tag' ? 'record-tag' : 'record-untag', {
      result: 'split',
      code: e.code,
      groups: batch,
    });
    const half = Math.ceil(batch.length / 2);
    await sendSplitting(call, ecs, batch.slice(0, half));
    await sendSplitting(call, ecs, batch.slice(half));
    return;
  }
  const keys = batch.map((id) => factKey(call.accountId, id));
  call.done(keys);
  (call.action === 'tag' ? call.out.tagged : call.out.untagged).push(...keys);
  call.log.info(call.action === 'tag' ? 'record-tag' : 'record-untag', { result: 'applied', groups: batch });
}

/** A warning per group of a batch that could not be tagged (untagged). */
function failed(call: BatchCall, batch: string[], e: SgPairingError): void {
  const { action, accountId } = call;
  call.log.warn(action === 'tag' ? 'record-tag' : 'record-untag', {
    result: 'failed',
    code: e.code,
    message: e.message,
    groups: batch,
  });
  const what =
    action === 'tag'
      ? 'tagged: the next sweep tags it again (its rules are unaffected)'
      : 'untagged: the next sweep tries again';
  call.out.warnings.push(
    ...batch.map((groupId) => ({
      code: action === 'tag' ? 'RecordTagFailed' : 'RecordUntagFailed',
      message: `group ${groupId} could not be ${what}: ${e.code}: ${e.message}`,
      accountId,
      groupId,
    })),
  );
}

function empty(): RecordOutcome {
  return { tagged: [], untagged: [], warnings: [] };
}
