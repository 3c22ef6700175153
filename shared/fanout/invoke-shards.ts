import pLimit from 'p-limit';
import type { FunctionsPort } from '../cloud/port';
import { STS_ASSUME_ROLES_PER_SECOND } from '../cloud/account-access';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../cloud/retry';
import { toSgPairingError } from '../errors';
import type { NamedGroup } from '../config';
import type { Logger } from '../log';
import type { Shard } from './split-shards';
import type { WorkerPayload } from '../triggers/worker';

export interface ShardInvocation {
  shard: number;
  /** FC's request id of the queued invocation */
  requestId: string;
}

export interface ShardInvocationFailure {
  shard: number;
  code: string;
  message: string;
  retryable: boolean;
}

export interface InvokeShardsDeps {
  functions: FunctionsPort;
  log: Logger;
  retry?: RetryPolicy;
  /** invocations in flight at once (default 8) */
  concurrency?: number;
  /** the hub's STS quota the shards share (default STS's documented 100/s) */
  assumeRolesPerSecond?: number;
  /** a fleet resolved by the timer's run: each shard is told the discovered accounts it acts in, and what is held */
  fleet?: ShardFleet;
}

/** The timer's fleet resolution, as the shards need it. */
export interface ShardFleet {
  readonly discovered: readonly { readonly accountId: string; readonly displayName: string }[];
  readonly held?: { readonly prefixes: readonly string[]; readonly names: readonly string[] };
  /** the groups fleet sides by name found (each shard is told those of its accounts: no lookup of its own) */
  readonly namedGroups?: readonly NamedGroup[];
  /** the declared accounts: every worker expands their fleet pairings, so each is told their groups */
  readonly declaredAccounts?: readonly string[];
}

/** The discovered accounts a shard acts in (so its worker expands the same pairings), and the held expansions. */
function fleetOf(shard: Shard, fleet: ShardFleet): Pick<WorkerPayload, 'discovered' | 'held' | 'namedGroups'> {
  const accounts = new Set(shard.accounts);
  const discovered = fleet.discovered
    .filter((a) => accounts.has(a.accountId))
    .map((a) => ({ accountId: a.accountId, displayName: a.displayName }));
  // a declared account's expansions are in every worker's config (as a tag fleet's are): its group goes to each
  const declared = new Set(fleet.declaredAccounts ?? []);
  const namedGroups = (fleet.namedGroups ?? [])
    .filter((g) => accounts.has(g.accountId) || declared.has(g.accountId))
    .map((g) => ({ ...g }));
  return {
    discovered,
    ...(namedGroups.length === 0 ? {} : { namedGroups }),
    ...(fleet.held === undefined ? {} : { held: { prefixes: [...fleet.held.prefixes], names: [...fleet.held.names] } }),
  };
}

/**
 * Queues one asynchronous worker invocation per shard (payload: names only). Each is retried on a
 * retryable failure; a shard that still fails is reported, and the others go on.
 */
export async function invokeShards(
  shards: readonly Shard[],
  runId: string,
  workerFunction: string,
  deps: InvokeShardsDeps,
): Promise<{ invocations: ShardInvocation[]; failures: ShardInvocationFailure[] }> {
  const limit = pLimit(deps.concurrency ?? 8);
  const invocations: ShardInvocation[] = [];
  const failures: ShardInvocationFailure[] = [];
  await Promise.all(
    shards.map((shard) =>
      limit(async () => {
        const payload: WorkerPayload = {
          pairings: [...shard.pairings],
          runId,
          shard: shard.index,
          shards: shards.length,
          // the shards run at once and share the hub's one STS quota
          assumeRolesPerSecond: (deps.assumeRolesPerSecond ?? STS_ASSUME_ROLES_PER_SECOND) / shards.length,
          ...(deps.fleet === undefined ? {} : fleetOf(shard, deps.fleet)),
        };
        const fields = {
          shard: shard.index,
          function: workerFunction,
          pairings: shard.pairings.length,
          account: shard.accounts.join(','),
        };
        try {
          const r = await withRetry(
            () => deps.functions.invokeAsync(workerFunction, Buffer.from(JSON.stringify(payload))),
            deps.retry ?? DEFAULT_RETRY,
          );
          invocations.push({ shard: shard.index, requestId: r?.requestId ?? '' });
          deps.log.info('invoke', { ...fields, requestId: r?.requestId ?? '', result: 'queued' });
        } catch (err) {
          const e = toSgPairingError(err, { operation: 'fc:InvokeFunction' });
          failures.push({ shard: shard.index, code: e.code, message: e.message, retryable: e.retryable });
          deps.log.error('invoke', {
            ...fields,
            result: 'failed',
            code: e.code,
            message: e.message,
            retryable: e.retryable,
          });
        }
      }),
    ),
  );
  const byShard = <T extends { shard: number }>(list: T[]) => list.sort((a, b) => a.shard - b.shard);
  return { invocations: byShard(invocations), failures: byShard(failures) };
}
