import { randomUUID } from 'node:crypto';
import { applyGroupChanges } from '../apply/apply-group-changes';
import { applyListDeletions, applyListWrites, withCreatedIds } from '../apply/apply-prefix-lists';
import { recordOutcome, tagRecordedGroups, untagRecordedGroups } from '../apply/apply-record';
import { remarkLegacyRules } from '../apply/apply-remarks';
import { createAccountAccess, type AccountAccess } from '../cloud/account-access';
import type { AccountSessions } from '../cloud/account-sessions';
import type { DirectoryPort } from '../cloud/port';
import { expandPairingNames, fleetMatchWarnings, resolveFleet, type DirectoryWarning } from '../directory';
import { DEFAULT_RETRY, type RetryPolicy } from '../cloud/retry';
import type { NormalizedConfig } from '../config';
import type { Logger } from '../log';
import { limitReasons, planHasChanges, planPairings, pruneEnabled, type ActualState, type Plan } from '../plan';
import { recordTagValue, type GroupType } from '../rules';
import type { VpcCache } from './fact-reads';
import { readWithListOnly } from './read-list-only';
import type { PrefixListCache } from './read-prefix-lists';
import { withListResults } from './prefix-list-report';
import { buildReport, type RunReport } from './run-report';

export { INITIAL_CONCURRENCY_PER_ACCOUNT, MAX_CONCURRENCY_PER_ACCOUNT } from '../cloud/account-access';

export interface ReconcileOptions {
  /** pairing names; all when absent */
  pairings?: readonly string[];
  /** plan only, write nothing */
  dryRun?: boolean;
  runId?: string;
  /** ECS calls in flight per account at the start; adapts to throttling (see Pacer) */
  concurrencyPerAccount?: number;
  /** this run's share of the hub's STS quota (a fan-out shard's); default the whole quota */
  assumeRolesPerSecond?: number;
  retry?: RetryPolicy;
  /**
   * the run is one slice of a whole sweep (a fan-out worker's shard): it lists the tag record of
   * its accounts although `pairings` names some (a run scoped by an event or `--pairing` does not)
   */
  sweep?: boolean;
  /** with the record listed: also list the declared accounts no pairing uses (a whole sweep, or the first shard of one) */
  listUnusedAccounts?: boolean;
  /**
   * the config's fleet is already resolved (accounts discovered, fleet pairings expanded: a fan-out
   * shard, an event that resolved to compute its scope); otherwise a config with a fleet side or a
   * resourceDirectory is resolved first (shared/directory), and `pairings` may name fleet pairings
   */
  fleetResolved?: boolean;
  /**
   * selected prefix-list pairings an event concerns only by their sending side (listOnlyPairings):
   * read and planned from that side alone (PlanOptions.listOnly); one whose list is not found yet is read whole
   */
  listOnly?: readonly string[];
}

export interface ReconcileDeps {
  sessions: AccountSessions;
  log: Logger;
  /** group types remembered across runs (a group's type never changes); one per process */
  groupTypes?: Map<string, GroupType>;
  /** VPC CIDR blocks remembered across runs for a while (see VpcCache); one per process */
  vpcCidrs?: VpcCache;
  /** groups known to carry the record tag, remembered across runs so warm runs do not tag again; one per process */
  taggedGroups?: Set<string>;
  /** the owned prefix lists this process has listed, so an event run reads a known list by id; one per process */
  prefixListIds?: PrefixListCache;
  /** where an applied run's report also goes (history, events: shared/history); never fails the run */
  sinks?: RunSinks;
  /** the Resource Directory as the hub (resourceDirectory discovery); absent: discovered accounts are left out, with a warning */
  directory?: DirectoryPort;
}

/** Records an applied run (its history object, its event) and answers the report with what was delivered. */
export interface RunSinks {
  record(report: RunReport, log: Logger): Promise<RunReport>;
}

/** What a run with fleet sides resolved: each fleet pairing's accounts, the accounts discovered, the warnings. */
export interface DirectoryReport {
  /** per fleet pairing: the accounts its fleet side expanded to (sorted) */
  fleet: { pairing: string; accounts: string[] }[];
  /** the Resource Directory members taken in (their role could be assumed) */
  discovered: string[];
  warnings: DirectoryWarning[];
}

/** One run's cloud access and settings, shared by its read and its writes. */
export interface RunContext {
  readonly runId: string;
  readonly log: Logger;
  readonly retry: RetryPolicy;
  readonly access: AccountAccess;
  readonly sinks?: RunSinks;
}

/**
 * The one entry point every face calls: read the cloud fresh, plan (pure), apply exactly the plan,
 * report. Level-triggered: the same call twice gives Changed, then InSync. A plan refused by
 * maxChangesPerRunTotal is reported and nothing is written (a pairing held by a limit is logged, warn 'held'). A sweep (no pairings named, or `sweep`)
 * with pruning on lists the tag record too, so it prunes where no declared pairing receives any
 * more; the record's tags are written beside the rule writes, its untags after the revocations.
 */
export async function reconcile(
  config: NormalizedConfig,
  deps: ReconcileDeps,
  options: ReconcileOptions = {},
): Promise<RunReport> {
  const planned = await planReconcile(config, deps, options);
  const withDirectory = (report: RunReport): RunReport =>
    planned.directory === undefined ? report : { ...report, directory: planned.directory };
  if (options.dryRun) return withDirectory(buildReport(planned.runId, 'plan', planned.plan, []));
  return withDirectory(await applyPlanned(planned));
}

/** A run read and planned, not written yet: applyPlanned writes exactly its plan (a face may ask first, see planWrites). */
export interface PlannedRun {
  readonly runId: string;
  readonly plan: Plan;
  /** what the plan was computed from (a saved plan's basis is digested from it) */
  readonly actual: ActualState;
  readonly run: RunContext;
  readonly taggedGroups?: Set<string>;
  /** the config the run planned from: the one given, its fleet resolved (discovered accounts, fleet pairings expanded) */
  readonly config: NormalizedConfig;
  /** set when the config has a fleet side or a resourceDirectory */
  readonly directory?: DirectoryReport;
}

/** The run's config: a fleet resolved (unless already), and fleet pairing names expanded. */
async function runConfig(
  config: NormalizedConfig,
  deps: ReconcileDeps,
  options: ReconcileOptions,
): Promise<{ config: NormalizedConfig; options: ReconcileOptions; directory?: DirectoryReport }> {
  if (config.source === undefined) return { config, options };
  const resolution =
    options.fleetResolved === true
      ? { config, discovered: [], warnings: [] }
      : await resolveFleet(config, { ...deps, retry: options.retry });
  const resolved = resolution.config;
  const directory: DirectoryReport = {
    fleet: (resolved.fleet ?? []).map((f) => ({ pairing: f.pairing, accounts: f.accounts.map((a) => a.accountId) })),
    discovered: resolution.discovered.map((a) => a.accountId),
    warnings: [...resolution.warnings],
  };
  return {
    config: resolved,
    options: { ...options, pairings: expandPairingNames(resolved, options.pairings) },
    directory,
  };
}

/** reconcile's first half: read the cloud fresh and plan (pure); nothing written. */
export async function planReconcile(
  given: NormalizedConfig,
  deps: ReconcileDeps,
  givenOptions: ReconcileOptions = {},
): Promise<PlannedRun> {
  const { config, options, directory } = await runConfig(given, deps, givenOptions);
  const run = runContext(config, deps, options);
  const { retry } = run;
  const listRecord = (options.pairings === undefined || options.sweep === true) && pruneEnabled(config);
  const { actual, listOnly } = await readWithListOnly(
    config,
    options.pairings,
    {
      ecsFor: (a) => run.access.ecsFor(a.accountId),
      vpcFor: (a) => run.access.vpcFor(a.accountId),
      vpcCidrs: deps.vpcCidrs,
      groupTypes: deps.groupTypes,
      retry,
      log: run.log,
      listRecord,
      listUnusedAccounts: listRecord && (options.pairings === undefined || options.listUnusedAccounts === true),
      taggedGroups: deps.taggedGroups,
      prefixListIds: deps.prefixListIds,
    },
    options.listOnly ?? [],
  );
  const plan = timedPlan(config, actual, { pairings: options.pairings, listOnly }, run.log);
  for (const w of directory === undefined ? [] : fleetMatchWarnings(config, actual)) {
    directory?.warnings.push(w);
    run.log.warn('directory', { result: w.code, ...w });
  }
  return { runId: run.runId, plan, actual, run, taggedGroups: deps.taggedGroups, config, directory };
}

/** reconcile's second half: exactly the plan; a refused plan is reported and nothing is written. */
export async function applyPlanned(planned: Pick<PlannedRun, 'plan' | 'run' | 'taggedGroups'>): Promise<RunReport> {
  const { run } = planned;
  const report =
    planned.plan.refused !== undefined
      ? buildReport(run.runId, 'apply', planned.plan, [])
      : await applyPlan(planned.plan, run, planned.taggedGroups);
  return run.sinks === undefined ? report : run.sinks.record(report, run.log);
}

/** Whether applying this plan would write any rule (what a face asks approval for): not when refused or converged. */
export function planWrites(plan: Plan): boolean {
  return plan.refused === undefined && planHasChanges(plan);
}

/** One run's id, logger and cloud access (role assumed per account, calls paced and retried). */
export function runContext(config: NormalizedConfig, deps: ReconcileDeps, options: ReconcileOptions = {}): RunContext {
  const runId = options.runId ?? randomUUID();
  const retry = options.retry ?? DEFAULT_RETRY;
  return {
    runId,
    log: deps.log.child({ runId, deployment: config.name }),
    retry,
    access: createAccountAccess(Object.values(config.accounts), deps.sessions, {
      retry,
      concurrencyPerAccount: options.concurrencyPerAccount,
      assumeRolesPerSecond: options.assumeRolesPerSecond,
    }),
    ...(deps.sinks === undefined ? {} : { sinks: deps.sinks }),
  };
}

/** The pure plan, and its counts (and a refusal) logged. */
function timedPlan(
  config: NormalizedConfig,
  actual: Parameters<typeof planPairings>[1],
  options: { pairings?: readonly string[]; listOnly?: readonly string[] },
  log: Logger,
): Plan {
  const planStart = performance.now();
  const plan = planPairings(config, actual, {
    pairings: options.pairings,
    ...(options.listOnly === undefined || options.listOnly.length === 0 ? {} : { listOnly: options.listOnly }),
  });
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
    ...(counts.drift === undefined ? {} : { drift: counts.drift }),
    planMs,
  });
  if (plan.refused !== undefined)
    log.warn('plan', {
      result: 'refused',
      reason: plan.refused.reason,
      changes: plan.refused.changes,
      limit: plan.refused.limit,
    });
  logHeld(plan, log);
  return plan;
}

/** Each pairing a limit holds back and each gone side's revocations, under a stable reason an operator can search for. */
function logHeld(plan: Plan, log: Logger): void {
  const limits: readonly string[] = limitReasons;
  for (const p of plan.pairings)
    if (p.reason !== undefined && limits.includes(p.reason))
      log.warn('plan', { result: 'held', pairing: p.name, reason: p.reason, message: p.message });
  const gone = plan.groups.flatMap((g) => (g.revoke ?? []).filter((r) => r.reason === 'SourceGone'));
  for (const name of [...new Set(gone.map((r) => r.pairing))])
    log.info('plan', {
      result: 'sourceGone',
      pairing: name,
      rulesToRevoke: gone.filter((r) => r.pairing === name).length,
    });
}

/** Exactly the plan: the rule writes beside the record's tags, then its untags; the report logged. */
async function applyPlan(plan: Plan, run: RunContext, taggedGroups: Set<string> | undefined): Promise<RunReport> {
  const { runId, retry, log } = run;
  const ecsFor = (accountId: string) => run.access.ecsFor(accountId);
  const recordDeps = { ecsFor, retry, log, taggedGroups };
  const listDeps = {
    ecsFor,
    runId,
    retry,
    log,
    deployment: plan.deployment,
    recordValue: recordTagValue(plan.deploymentId),
  };
  // owned prefix lists first: a new list's id goes into the rules that reference it
  const lists = await applyListWrites(plan.prefixLists ?? [], listDeps);
  const [changes, tagged, remarked] = await Promise.all([
    applyGroupChanges(withCreatedIds(plan.groups, lists.created), { ecsFor, runId, retry, log }),
    tagRecordedGroups(plan.record, recordDeps),
    remarkLegacyRules(plan.record, { ...recordDeps, runId }),
  ]);
  const [untagged, deleted] = await Promise.all([
    untagRecordedGroups(plan.record, changes, recordDeps),
    applyListDeletions(plan.prefixLists ?? [], listDeps),
  ]);
  const report = withListResults(
    buildReport(runId, 'apply', plan, changes, recordOutcome(tagged, remarked, untagged)),
    [...lists.results, ...deleted],
  );
  log.info('report', { ok: report.ok, counts: report.counts });
  return report;
}
