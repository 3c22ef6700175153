export { DEFAULT_FANOUT_ACCOUNTS, fanoutOptionsFromEnv, type FanoutOptions } from './fanout-options';
export {
  invokeShards,
  type InvokeShardsDeps,
  type ShardInvocation,
  type ShardInvocationFailure,
} from './invoke-shards';
export { reconcileShard, type ShardResult } from './reconcile-shard';
export { runScheduledReconcile, type ScheduledDeps, type ScheduledResult } from './run-scheduled-reconcile';
export { configAccounts, pairingAccounts, splitIntoShards, type Shard } from './split-shards';
export { parseWorkerPayload, WorkerPayloadSchema, type WorkerPayload } from '../triggers/worker';
