import { complianceExitCode, formatComplianceCsv, formatComplianceTable } from '../shared/compliance';
import { configOptions, loadConfigOrReport, parseFlags } from './common-options';
import { complianceFromCli, storedComplianceFromCli } from './run-reconcile';

const FORMATS = ['table', 'json', 'csv'] as const;

const help = `Usage: sg-pairing status [--config FILE] [--format table|json|csv] [--from-history]

Reads the cloud (a dry run: nothing is written) and shows, for every pairing, each receiving side
and group: InSync, Missing (rules to add), ExtraOwned (owned rules to revoke), Blocked (with the
reason), Failed (account unread or API error) or NotEvaluated; then the rule room left in each
receiving group (of 200 rules and 20 referenced groups).

  -c, --config FILE     pairings file (default pairings.yaml)
      --format F        table (default), json (the model GET /status.json answers) or csv
      --from-history    the last stored run instead (SG_PAIRING_HISTORY's latest.json): no cloud read
  -h, --help            this help

Exit status: 0 every pairing in sync, 2 drift (rules to add or revoke) or blocked, 1 an error
(a Failed pairing, an invalid config, the cloud unreachable, the history unreadable or corrupt).`;

export async function runStatusCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      config: configOptions.config,
      format: { type: 'string', default: 'table' },
      'from-history': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    { positionals: false },
  );
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const format = FORMATS.find((f) => f === values.format);
  if (format === undefined) {
    process.stderr.write(`sg-pairing status: --format must be table, json or csv, got "${values.format}"\n`);
    return 1;
  }
  const config = await loadConfigOrReport(values.config, { command: 'status', json: format === 'json' });
  if (!config) return 1;
  let model;
  try {
    model = values['from-history'] ? await storedComplianceFromCli(config) : await complianceFromCli(config);
  } catch (err) {
    if (!values['from-history']) throw err;
    const e = err as { code?: string; message?: string };
    process.stderr.write(`sg-pairing status: cannot read the last stored run: ${e.code ?? 'Error'}: ${e.message}\n`);
    return 1;
  }
  const text =
    format === 'json'
      ? JSON.stringify(model, null, 2) + '\n'
      : format === 'csv'
        ? formatComplianceCsv(model)
        : formatComplianceTable(model);
  process.stdout.write(text);
  return complianceExitCode(model);
}
