import type { NormalizedConfig } from '../shared/config';
import { reconcile, type RunReport } from '../shared/reconcile';
import { createRuntime } from '../shared/function-host';
import { progressLog } from './progress-log';
import { watchSlowEndpoints } from './slow-endpoint-watch';

/** A reconcile from the command line: base identity from the SDK's default credential chain. */
export async function runFromCli(
  config: NormalizedConfig,
  pairings: string[] | undefined,
  dryRun: boolean,
): Promise<RunReport> {
  const runtime = createRuntime(config.region, { kind: 'default-chain' });
  const log = progressLog(Object.keys(config.accounts).length);
  const stopWatching = watchSlowEndpoints(log);
  try {
    return await reconcile(config, runtime.reconcileDeps(log), { pairings, dryRun });
  } finally {
    stopWatching();
  }
}
