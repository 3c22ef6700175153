import type { NormalizedConfig } from '../shared/config';
import { createLogger, type Logger } from '../shared/log';
import { reconcile, type RunReport } from '../shared/reconcile';
import { createRuntime } from '../shared/function-host';

/** Past this many accounts a run shows its progress on stderr. */
const PROGRESS_ACCOUNTS = 5;

/** A reconcile from the command line: base identity from the SDK's default credential chain. */
export async function runFromCli(
  config: NormalizedConfig,
  pairings: string[] | undefined,
  dryRun: boolean,
): Promise<RunReport> {
  const runtime = createRuntime(config.region, { kind: 'default-chain' });
  return reconcile(config, runtime.reconcileDeps(progressLogger(config)), { pairings, dryRun });
}

function progressLogger(config: NormalizedConfig): Logger {
  const verbose = process.env.SG_PAIRING_LOG === 'json';
  const many = Object.keys(config.accounts).length > PROGRESS_ACCOUNTS;
  return createLogger((line) => {
    if (verbose) return void process.stderr.write(line + '\n');
    if (!many) return;
    const r = JSON.parse(line) as Record<string, unknown>;
    if (r.action === 'authorize' || r.action === 'revoke') {
      process.stderr.write(
        `${r.action} ${r.account}/${r.group}: ${r.rules} rule(s) ${r.result}${r.code ? ` (${r.code})` : ''}\n`,
      );
    } else if (r.action === 'plan' && r.result === undefined) {
      process.stderr.write(
        `planned ${r.pairings} pairing(s): ${r.rulesToAdd} rule(s) to add, ${r.rulesToRevoke ?? 0} to revoke in ${r.groupsToChange} group(s)\n`,
      );
    }
  });
}
