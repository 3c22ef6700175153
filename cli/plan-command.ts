import { writeFile } from 'node:fs/promises';
import { formatPlan, planHasChanges } from '../shared/plan';
import { configHelp, configOptions, loadConfigOrReport, parseFlags, useColor } from './common-options';
import { fileProblem } from './file-problem';
import { formatDirectory } from './format-directory';

const help = `Usage: sg-pairing plan [--config FILE] [--pairing NAME]... [--json] [--detailed-exitcode] [--out FILE]

Reads the cloud and shows the rules each pairing is missing. Changes nothing.

${configHelp}
      --detailed-exitcode  exit 0 when converged, 2 when changes are pending, 1 on error
      --out FILE           also save the plan with its basis (digests of the config, of the rules of
                           each group read and of the member lists used), for 'sg-pairing apply FILE'`;

export async function runPlanCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    { ...configOptions, 'detailed-exitcode': { type: 'boolean', default: false }, out: { type: 'string' } },
    { positionals: false },
  );
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const config = await loadConfigOrReport(values.config, { command: 'plan', json: values.json });
  if (!config) return 1;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: the SDKs only when the cloud is read
  const cloud = require('./run-reconcile') as typeof import('./run-reconcile');
  const { report, saved } =
    values.out === undefined
      ? { report: await cloud.runFromCli(config, values.pairing, true), saved: undefined }
      : await cloud.planToSaveFromCli(config, values.pairing);
  process.stdout.write(
    values.json ? JSON.stringify(report.plan, null, 2) + '\n' : formatPlan(report.plan, { color: useColor() }) + '\n',
  );
  // fleet sides: which accounts each expanded to (with --json, the log lines on stderr carry it)
  const fleet = formatDirectory(report.directory);
  if (!values.json && fleet.length > 0) process.stdout.write(fleet.join('\n') + '\n');
  if (saved !== undefined && values.out !== undefined) {
    try {
      await writeFile(values.out, JSON.stringify(saved, null, 2) + '\n');
    } catch (err) {
      process.stderr.write(`sg-pairing plan: cannot write ${values.out}: ${fileProblem(err)}\n`);
      return 1;
    }
    process.stderr.write(`Saved the plan to ${values.out}: apply exactly it with 'sg-pairing apply ${values.out}'.\n`);
  }
  if (!report.ok) return 1;
  return values['detailed-exitcode'] && planHasChanges(report.plan) ? 2 : 0;
}
