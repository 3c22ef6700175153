import { createRuntime } from '../shared/function-host';
import { historyLocationFromEnv, listRuns, type RunSummary } from '../shared/history';
import { loadConfigOrReport, parseFlags } from './common-options';

const help = `Usage: sg-pairing history [--config FILE] [--limit N] [--json]

Lists the runs kept in SG_PAIRING_HISTORY (oss://bucket/prefix), newest first: when, what started it
(cli, event, timer, worker, http), pairings changed / blocked / failed, rules added / revoked. Every
applied run of every face is kept there (plans are not: they change nothing). Reads with the default
credential chain, at SG_PAIRING_OSS_ENDPOINT when set, in the config's region. Exit 0, or 1 when the
history cannot be read (not configured, bucket missing or denied, a stored run corrupt).

  -c, --config FILE     pairings file (default pairings.yaml): its region
  -n, --limit N         at most N runs (default 20)
      --json            the runs as one JSON array on stdout
  -h, --help            this help`;

export async function runHistoryCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      config: { type: 'string', short: 'c', default: 'pairings.yaml' },
      limit: { type: 'string', short: 'n', default: '20' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    { positionals: false },
  );
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const limit = Number(values.limit);
  if (!/^\d+$/.test(values.limit) || limit < 1)
    return fail(`--limit must be a whole number >= 1, got "${values.limit}"`);
  let location;
  try {
    location = historyLocationFromEnv();
  } catch (err) {
    return fail((err as Error).message);
  }
  if (location === undefined) return fail('no history: set SG_PAIRING_HISTORY=oss://bucket/prefix');
  const config = await loadConfigOrReport(values.config, { command: 'history', json: values.json });
  if (!config) return 1;
  const store = createRuntime(config.region, { kind: 'default-chain' }).objects(location.bucket);
  let runs: RunSummary[];
  try {
    runs = await listRuns(store, location, limit);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return fail(
      `cannot read oss://${location.bucket}/${location.prefix}: ${e.code ?? 'Error'}: ${e.message ?? String(err)}`,
    );
  }
  process.stdout.write((values.json ? JSON.stringify(runs, null, 2) : formatRuns(runs)) + '\n');
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`sg-pairing history: ${message}\n`);
  return 1;
}

/** One line per run, newest first, in aligned columns. */
export function formatRuns(runs: readonly RunSummary[]): string {
  if (runs.length === 0) return 'No runs kept yet.';
  const rows = [
    ['TIME', 'TRIGGER', 'CHANGED', 'BLOCKED', 'FAILED', 'ADDED', 'REVOKED', 'RUN'],
    ...runs.map((r) => [
      r.time,
      r.trigger,
      String(r.changed),
      String(r.blocked),
      String(r.failed),
      String(r.rulesAdded),
      String(r.rulesRevoked),
      r.runId,
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '))
    .join('\n');
}
