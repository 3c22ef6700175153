import { readFile } from 'node:fs/promises';
import { isSgPairingError } from '../shared/errors';
import { formatPlan, type Plan } from '../shared/plan';
import type { RunReport } from '../shared/reconcile';
import { CommandLineError } from './command-line-error';
import { configHelp, configOptions, loadConfigOrReport, parseFlags, useColor } from './common-options';
import { fileProblem } from './file-problem';
import { formatReport } from './format-report';
import { applyFromCli, applySavedFromCli } from './run-reconcile';
import { approves, processIo, type TerminalIo } from './terminal-io';

const help = `Usage: sg-pairing apply [FILE] [--config FILE] [--pairing NAME]... [--json] [--yes]

Adds the rules each pairing is missing, revokes the rules this deployment added that are no longer
desired (prune: owned), and reports every change. Exit 0 when everything applied, 1 when anything
failed or is blocked, a change limit held a pairing back, or the run's revocations exceed
maxChangesPerRunTotal (the report says which and why). Audit pairings (mode: audit) are reported
Drift and never written (docs/configuration.md "Audit mode").

On a terminal (stdin and stdout both TTYs) it shows the plan and asks "Apply these N changes? [y/N]"
first: any answer but y or yes writes nothing and exits 1. It never asks when not on a terminal (CI).

With FILE (a plan saved by 'sg-pairing plan --out FILE') it applies exactly that plan, without asking,
after reading again the groups it writes to and the member lists it used: if any of them moved since,
or the file is not a saved plan of this version and config, it refuses (StalePlan, SavedPlanInvalid),
exit 1, and writes nothing.

${configHelp}
  -y, --yes             apply without asking (alias --auto-approve)`;

const applyOptions = {
  ...configOptions,
  yes: { type: 'boolean', short: 'y', default: false },
  'auto-approve': { type: 'boolean', default: false },
} as const;

export async function runApplyCommand(argv: string[], io: TerminalIo = processIo()): Promise<number> {
  const { values, positionals } = parseFlags(argv, applyOptions);
  if (values.help) return (io.out(help + '\n'), 0);
  const [file, extra] = positionals;
  if (extra !== undefined)
    throw new CommandLineError('UnexpectedArgument', `unexpected argument "${extra}": apply takes one saved plan`);
  if (file !== undefined && values.pairing !== undefined)
    throw new CommandLineError('UnexpectedArgument', '--pairing with a saved plan: the plan holds its own selection');
  const config = await loadConfigOrReport(values.config, { command: 'apply', json: values.json });
  if (!config) return 1;
  const print = (report: RunReport) => {
    io.out(values.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, useColor()) + '\n');
    return report.ok ? 0 : 1;
  };
  if (file !== undefined) return applySaved(file, config, values.json, print);
  const ask = io.interactive && !values.yes && !values['auto-approve'];
  const outcome = await applyFromCli(config, values.pairing, ask ? (plan) => askApproval(plan, io) : undefined);
  if ('declined' in outcome) return (io.out('Apply cancelled: nothing was written.\n'), 1);
  return print(outcome.report);
}

/** The plan as `plan` shows it, then the question. */
async function askApproval(plan: Plan, io: TerminalIo): Promise<boolean> {
  const changes = plan.counts.rulesToAdd + (plan.counts.rulesToRevoke ?? 0);
  io.out(formatPlan(plan, { color: useColor() }) + '\n\n');
  return approves(await io.question(`Apply these ${changes} changes? [y/N] `));
}

/** `apply FILE`; a refused saved plan is printed with its code (StalePlan, SavedPlanInvalid). */
async function applySaved(
  file: string,
  config: Parameters<typeof applySavedFromCli>[0],
  json: boolean,
  print: (report: RunReport) => number,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    process.stderr.write(`sg-pairing apply: cannot read ${file}: ${fileProblem(err)}\n`);
    return 1;
  }
  try {
    return print(await applySavedFromCli(config, text, file));
  } catch (err) {
    if (!isSgPairingError(err) || (err.code !== 'StalePlan' && err.code !== 'SavedPlanInvalid')) throw err;
    if (json)
      process.stdout.write(
        `${JSON.stringify({ ok: false, error: { code: err.code, message: err.message } }, null, 2)}\n`,
      );
    process.stderr.write(`sg-pairing apply: ${err.code}: ${err.message}\n`);
    return 1;
  }
}
