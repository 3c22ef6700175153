import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { applyGroupChanges } from '../apply/apply-group-changes';
import { recordOutcome, tagRecordedGroups, untagRecordedGroups } from '../apply/apply-record';
import type { AccountSessions } from '../cloud/account-sessions';
import { pacedEcs } from '../cloud/paced-ecs';
import { Pacer, Pacers } from '../cloud/pacer';
import type { EcsPort } from '../cloud/port';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../cloud/retry';
import type { NormalizedConfig } from '../config';
import type { Logger } from '../log';
import { planPairings, pruneEnabled } from '../plan';
import type { GroupType } from '../rules';
import { readActualState } from './read-actual-state';
import { buildReport, type RunReport } from './run-report';

/** Concurrent AssumeRole calls (they all count against the hub's own rate limit). */
const STS_CONCURRENCY = 4;
/**
 * An account's ECS calls in flight when it is first used (and again after a second idle): most of a
 * typical 20-call burst in one round trip. Measured on the 1,000-pairing sweep (bench/): 4 gave
 * wall/lower bound ~1.35, 8 ~1.29, 12 ~1.26, 16 ~1.29 (more throttled calls).
 */
export const INITIAL_CONCURRENCY_PER_ACCOUNT = 12;
/** Where an account's ECS concurrency may grow to while nothing is throttled. */
export const MAX_CONCURRENCY_PER_ACCOUNT = 16;
/**
 * Calls in flight in the whole process, all accounts together. A sweep of a hundred accounts could
 * otherwise have ~1,600 requests open at once: sockets, timers and garbage then cost each call about
 * twice the CPU (measured: 2,000 writes at 50 ms take 2.7 s with all in flight, 1.0 s with 32-200),
 * and at 50 ms per call 128 already allow ~2,500 calls/s.
 */
const MAX_IN_FLIGHT = 128;

export interface ReconcileOptions {
  /** pairing names; all when absent */
  pairings?: readonly string[];
  /** plan only, write nothing */
  dryRun?: boolean;
  runId?: string;
  /** ECS calls in flight per account at the start; adapts to throttling (see Pacer) */
  concurrencyPerAccount?: number;
  retry?: RetryPolicy;
  /**
   * the run is one slice of a whole sweep (a fan-out worker's shard): it lists the tag record of
   * its accounts although `pairings` names some (a run scoped by an event or `--pairing` does not)
   */
  sweep?: boolean;
  /** with the record listed: also list the declared accounts no pairing uses (a whole sweep, or the first shard of one) */
  listUnusedAccounts?: boolean;
}

export interface ReconcileDeps {
  sessions: AccountSessions;
  log: Logger;
  /** group types remembered across runs (a group's type never changes); one per process */
  groupTypes?: Map<string, GroupType>;
  /** groups known to carry the record tag, remembered across runs so warm runs do not tag again; one per process */
  taggedGroups?: Set<string>;
}

/**
 * The one entry point every face calls: read the cloud fresh, plan (pure), apply exactly the plan,
 * report. Level-triggered: the same call twice gives Changed, then InSync. A plan refused by
 * maxChangesPerRun is reported and nothing is written. A sweep (no pairings named, or `sweep`)
 * with pruning on lists the tag record too, so it prunes where no declared pairing receives any
 * more; the record's tags are written beside the rule writes, its untags after the revocations.
 */
export async function reconcile(
  config: NormalizedConfig,
  deps: ReconcileDeps,
  options: ReconcileOptions = {},
): Promise<RunReport> {
  const runId = options.runId ?? randomUUID();
  const log = deps.log.child({ runId, deployment: config.name });
  const retry = options.retry ?? DEFAULT_RETRY;
  const concurrencyPerAccount = options.concurrencyPerAccount ?? INITIAL_CONCURRENCY_PER_ACCOUNT;
  const roles = new Map(Object.values(config.accounts).map((a) => [a.accountId, a]));
  // Pacing: STS calls are the hub's, ECS calls each account's; both adapt to throttling.
  const inFlight = pLimit(MAX_IN_FLIGHT);
  const stsPacer = new Pacer(STS_CONCURRENCY);
  const ecsPacers = new Pacers(concurrencyPerAccount, MAX_CONCURRENCY_PER_ACCOUNT);
  const ports = new Map<string, Promise<EcsPort>>();
  const ecsFor = (accountId: string): Promise<EcsPort> => {
    const role = roles.get(accountId);
    if (!role) return Promise.reject(new Error(`account ${accountId} is not declared`));
    let port = ports.get(accountId);
    if (!port) {
      const request = { accountId, roleArn: role.roleArn, externalId: role.externalId };
      port = withRetry(() => stsPacer.run(() => inFlight(() => deps.sessions.credentials(request))), retry).then((c) =>
        pacedEcs(deps.sessions.ecsWith(c), ecsPacers.for(accountId), inFlight),
      );
      ports.set(accountId, port);
    }
    return port;
  };

  const listRecord = (options.pairings === undefined || options.sweep === true) && pruneEnabled(config);
  const listUnusedAccounts = listRecord && (options.pairings === undefined || options.listUnusedAccounts === true);
  const actual = await readActualState(config, options.pairings, {
    ecsFor: (a) => ecsFor(a.accountId),
    groupTypes: deps.groupTypes,
    retry,
    log,
    listRecord,
    listUnusedAccounts,
    taggedGroups: deps.taggedGroups,
  });
  const planStart = performance.now();
  const plan = planPairings(config, actual, { pairings: options.pairings });
  const planMs = Math.round(performance.now() - planStart);
  const { counts } = plan;
  log.info('plan', {
    pairings: counts.pairings,
    rulesToAdd: counts.rulesToAdd,
    rulesToRevoke: counts.rulesToRevoke,
    rulesWouldRevoke: counts.rulesWouldRevoke,
    groupsToChange: counts.groupsToChange,
    blocked: counts.blocked,
    failed: counts.failed,
    planMs,
  });
  if (plan.refused !== undefined)
    log.warn('plan', {
      result: 'refused',
      reason: plan.refused.reason,
      changes: plan.refused.changes,
      limit: plan.refused.limit,
    });
  if (options.dryRun || plan.refused !== undefined)
    return buildReport(runId, options.dryRun ? 'plan' : 'apply', plan, []);

  const recordDeps = { ecsFor, retry, log, taggedGroups: deps.taggedGroups };
  const [changes, tagged] = await Promise.all([
    applyGroupChanges(plan.groups, { ecsFor, runId, retry, log }),
    tagRecordedGroups(plan.record, recordDeps),
  ]);
  const untagged = await untagRecordedGroups(plan.record, changes, recordDeps);
  const report = buildReport(runId, 'apply', plan, changes, recordOutcome(tagged, untagged));
  log.info('report', { ok: report.ok, counts: report.counts });
  return report;
}
