import { formatPlan, planHasChanges } from '../shared/plan';
import { configHelp, configOptions, loadConfigOrReport, parseFlags, useColor } from './common-options';

const help = `Usage: sg-pairing plan [--config FILE] [--pairing NAME]... [--json] [--detailed-exitcode]

Reads the cloud and shows the rules each pairing is missing. Changes nothing.

${configHelp}
      --detailed-exitcode  exit 0 when converged, 2 when changes are pending, 1 on error`;

export async function runPlanCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    { ...configOptions, 'detailed-exitcode': { type: 'boolean', default: false } },
    { positionals: false },
  );
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const config = await loadConfigOrReport(values.config, { command: 'plan', json: values.json });
  if (!config) return 1;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: the SDKs only when the cloud is read
  const report = await (require('./run-reconcile') as typeof import('./run-reconcile')).runFromCli(
    config,
    values.pairing,
    true,
  );
  process.stdout.write(
    values.json ? JSON.stringify(report.plan, null, 2) + '\n' : formatPlan(report.plan, { color: useColor() }) + '\n',
  );
  if (!report.ok) return 1;
  return values['detailed-exitcode'] && planHasChanges(report.plan) ? 2 : 0;
}
