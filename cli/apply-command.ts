import { configHelp, configOptions, loadConfigOrReport, parseFlags, useColor } from './common-options';
import { formatReport } from './format-report';

const help = `Usage: sg-pairing apply [--config FILE] [--pairing NAME]... [--json]

Adds the rules each pairing is missing, revokes the rules this deployment added that are no longer
desired (prune: owned), and reports every change. Exit 0 when everything applied, 1 when anything
failed or is blocked, a change limit held a pairing back, or the run's revocations exceed
maxChangesPerRunTotal (the report says which and why). Audit pairings (mode: audit) are reported
Drift and never written (docs/configuration.md "Audit mode").

${configHelp}`;

export async function runApplyCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, configOptions, { positionals: false });
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const config = await loadConfigOrReport(values.config, { command: 'apply', json: values.json });
  if (!config) return 1;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: the SDKs only when the cloud is read
  const report = await (require('./run-reconcile') as typeof import('./run-reconcile')).runFromCli(
    config,
    values.pairing,
    false,
  );
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, useColor()) + '\n');
  return report.ok ? 0 : 1;
}
