import { randomUUID } from 'node:crypto';
import type { RetryPolicy } from '../cloud/retry';
import { FLEET_NAME_SEPARATOR, namedGroupLookup, withDiscoveredAccounts, type NormalizedConfig } from '../config';
import { selectPairings } from '../plan';
import { reconcile, type ReconcileDeps } from '../reconcile';
import { reconcileOutcome, type InvocationOutcome, type ReportSummary } from '../function-host';
import type { WorkerPayload } from '../triggers/worker';

export interface ShardResult {
  ok: boolean;
  /** the fan-out run this shard belongs to */
  parentRunId: string;
  shard: number;
  shards: number;
  report?: ReportSummary;
  error?: Record<string, unknown>;
}

/**
 * The reconcile-worker entry point: reconciles the named pairings of one shard and logs the report.
 * Names the config does not know are a terminal error (reported, not retried): the timer and the
 * worker run different configs. Only a retryable failure is handed back to be thrown.
 */
export async function reconcileShard(
  given: NormalizedConfig,
  payload: WorkerPayload,
  deps: ReconcileDeps,
  options: { retry?: RetryPolicy } = {},
): Promise<InvocationOutcome<ShardResult>> {
  // the timer's discovered accounts (those this shard acts in): the same expansion, no listing of its own
  const expanded = withDiscoveredAccounts(given, payload.discovered ?? [], namedGroupLookup(payload.namedGroups ?? []));
  // another shard's accounts are not expanded here: their fleet rules in a group this shard writes (a hub's) are
  // held, never revoked as removed pairings (each shard would take away the others'); a run in one process prunes them
  const fleetPrefixes = (expanded.fleet ?? []).map((f) => `${f.pairing}${FLEET_NAME_SEPARATOR}`);
  const held = {
    prefixes: [...new Set([...(payload.held?.prefixes ?? []), ...fleetPrefixes])],
    names: [...(payload.held?.names ?? [])],
  };
  const config = held.prefixes.length + held.names.length === 0 ? expanded : { ...expanded, held };
  const base = { parentRunId: payload.runId, shard: payload.shard, shards: payload.shards };
  const log = deps.log.child({ parentRunId: payload.runId, shard: payload.shard });
  log.info('shard', { pairings: payload.pairings.length, of: payload.shards, result: 'started' });
  return reconcileOutcome<ShardResult>(
    config,
    log,
    async () => {
      selectPairings(config, payload.pairings);
      // a run id of its own: a retried invocation must not replay the ClientTokens of the last attempt
      const runId = `${payload.runId}.${payload.shard}.${randomUUID().slice(0, 8)}`;
      // a shard is a slice of the timer's sweep: it lists the tag record of its accounts (the first
      // shard also of the declared accounts no pairing uses)
      return reconcile(
        config,
        { ...deps, log },
        {
          pairings: payload.pairings,
          runId,
          retry: options.retry,
          sweep: true,
          listUnusedAccounts: payload.shard === 0,
          fleetResolved: true,
          assumeRolesPerSecond: payload.assumeRolesPerSecond,
        },
      );
    },
    {
      step: 'shard',
      operation: 'reconcileShard',
      reported: (report, summary) => ({ ok: report.ok, ...base, report: summary }),
      failed: (e) => ({ ok: false, ...base, error: e.toJSON() }),
    },
  );
}
