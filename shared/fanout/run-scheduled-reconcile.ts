import { randomUUID } from 'node:crypto';
import type { FunctionsPort } from '../cloud/port';
import type { RetryPolicy } from '../cloud/retry';
import type { NormalizedConfig } from '../config';
import { SgPairingError } from '../errors';
import { reconcile, type ReconcileDeps } from '../reconcile';
import { reconcileOutcome, type InvocationOutcome, type ReportSummary } from '../function-host';
import type { TimerEvent } from '../triggers/timer';
import type { FanoutOptions } from './fanout-options';
import { resolveFleet } from '../directory';
import { invokeShards, type ShardFleet, type ShardInvocation, type ShardInvocationFailure } from './invoke-shards';
import { configAccounts, splitIntoShards } from './split-shards';

export type ScheduledResult =
  | {
      mode: 'fanout';
      ok: boolean;
      runId: string;
      accounts: number;
      shards: number;
      pairings: number;
      invocations: ShardInvocation[];
      failures: ShardInvocationFailure[];
    }
  | { mode: 'in-process'; ok: boolean; accounts: number; report: ReportSummary }
  | { mode: 'in-process'; ok: false; accounts: number; error: Record<string, unknown> };

export interface ScheduledDeps extends ReconcileDeps {
  /** FC as the function's own identity; built only when the run fans out */
  functions: () => FunctionsPort;
}

/**
 * The scheduled-reconcile entry point: a full reconcile. Up to `maxAccounts` accounts it runs here;
 * beyond, the pairings are split into shards of at most that many accounts and one reconcile-worker
 * is invoked asynchronously per shard. Only a retryable failure is handed back to be thrown.
 */
export async function runScheduledReconcile(
  given: NormalizedConfig,
  timer: TimerEvent,
  deps: ScheduledDeps,
  options: FanoutOptions & { runId?: string; retry?: RetryPolicy },
): Promise<InvocationOutcome<ScheduledResult>> {
  const runId = options.runId ?? randomUUID();
  const { log } = deps;
  // discovered accounts count and are sharded like declared ones: the fleet is resolved first
  const resolution = await resolveFleet(given, { ...deps, retry: options.retry });
  const config = resolution.config;
  const fleet: ShardFleet | undefined =
    given.source === undefined
      ? undefined
      : {
          discovered: resolution.discovered,
          ...(config.held === undefined ? {} : { held: config.held }),
          namedGroups: resolution.namedGroups,
          declaredAccounts: Object.values(config.accounts)
            .filter((a) => a.discovered !== true)
            .map((a) => a.accountId),
        };
  const accounts = configAccounts(config).length;
  const fanout = accounts > options.maxAccounts;
  log.info('schedule', {
    triggerName: timer.triggerName,
    triggerTime: timer.triggerTime,
    runId,
    accounts,
    pairings: config.pairings.length,
    result: fanout ? 'fanout' : 'in-process',
  });

  return fanout
    ? fanOut(config, deps, { ...options, runId, accounts, fleet })
    : reconcileInProcess(config, deps, { ...options, runId, accounts });
}

type RunOptions = FanoutOptions & { runId: string; retry?: RetryPolicy; accounts: number; fleet?: ShardFleet };

/** Few enough accounts: one reconcile here, its report logged and returned. */
async function reconcileInProcess(
  config: NormalizedConfig,
  deps: ScheduledDeps,
  options: RunOptions,
): Promise<InvocationOutcome<ScheduledResult>> {
  const { runId, accounts } = options;
  return reconcileOutcome<ScheduledResult>(
    config,
    deps.log,
    () =>
      reconcile(config, deps, {
        runId,
        retry: options.retry,
        fleetResolved: true,
        assumeRolesPerSecond: options.assumeRolesPerSecond,
      }),
    {
      step: 'reconcile',
      operation: 'reconcile',
      reported: (report, summary) => ({ mode: 'in-process', ok: report.ok, accounts, report: summary }),
      failed: (e) => ({ mode: 'in-process', ok: false, accounts, error: e.toJSON() }),
    },
  );
}

/** Too many accounts for one run: one reconcile-worker per shard, invoked asynchronously. */
async function fanOut(
  config: NormalizedConfig,
  deps: ScheduledDeps,
  options: RunOptions,
): Promise<InvocationOutcome<ScheduledResult>> {
  const { log } = deps;
  const { runId, accounts } = options;
  const shards = splitIntoShards(config.pairings, options.maxAccounts);
  // built at the first invocation, so a client that cannot be built fails each shard, reported
  let port: FunctionsPort | undefined;
  const functions: FunctionsPort = {
    invokeAsync: (name, payload) => (port ??= deps.functions()).invokeAsync(name, payload),
  };
  const { invocations, failures } = await invokeShards(shards, runId, options.workerFunction, {
    functions,
    log,
    retry: options.retry,
    assumeRolesPerSecond: options.assumeRolesPerSecond,
    ...(options.fleet === undefined ? {} : { fleet: options.fleet }),
  });
  const result: ScheduledResult = {
    mode: 'fanout',
    ok: failures.length === 0,
    runId,
    accounts,
    shards: shards.length,
    pairings: config.pairings.length,
    invocations,
    failures,
  };
  log.info('fanout', {
    runId,
    result: result.ok ? 'ok' : 'failed',
    shards: shards.length,
    queued: invocations.length,
    failed: failures.length,
  });
  const retry = shardRetry(runId, failures);
  return { result, ...(retry ? { retry } : {}) };
}

/** Re-running the whole timer run re-queues every shard: harmless, reconciling is idempotent. */
function shardRetry(runId: string, failures: readonly ShardInvocationFailure[]): SgPairingError | undefined {
  const retryable = failures.filter((f) => f.retryable);
  if (retryable.length === 0) return undefined;
  return new SgPairingError(`run ${runId}: ${retryable.length} shard invocation(s) failed and may succeed on retry`, {
    code: 'RetryableFailure',
    retryable: true,
    operation: 'fc:InvokeFunction',
  });
}
