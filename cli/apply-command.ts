import { formatPlan, type Plan } from '../shared/plan';
import { configHelp, configOptions, loadConfigOrReport, parseFlags, useColor } from './common-options';
import { formatReport } from './format-report';
import { applyFromCli } from './run-reconcile';
import { approves, processIo, type TerminalIo } from './terminal-io';

const help = `Usage: sg-pairing apply [--config FILE] [--pairing NAME]... [--json] [--yes]

Adds the rules each pairing is missing, revokes the rules this deployment added that are no longer
desired (prune: owned), and reports every change. Exit 0 when everything applied, 1 when anything
failed or is blocked, a change limit held a pairing back, or the run's revocations exceed
maxChangesPerRunTotal (the report says which and why).

On a terminal (stdin and stdout both TTYs) it shows the plan and asks "Apply these N changes? [y/N]"
first: any answer but y or yes writes nothing and exits 1. It never asks when not on a terminal (CI).

${configHelp}
  -y, --yes             apply without asking (alias --auto-approve)`;

const applyOptions = {
  ...configOptions,
  yes: { type: 'boolean', short: 'y', default: false },
  'auto-approve': { type: 'boolean', default: false },
} as const;

export async function runApplyCommand(argv: string[], io: TerminalIo = processIo()): Promise<number> {
  const { values } = parseFlags(argv, applyOptions, { positionals: false });
  if (values.help) return (io.out(help + '\n'), 0);
  const config = await loadConfigOrReport(values.config, { command: 'apply', json: values.json });
  if (!config) return 1;
  const ask = io.interactive && !values.yes && !values['auto-approve'];
  const outcome = await applyFromCli(config, values.pairing, ask ? (plan) => askApproval(plan, io) : undefined);
  if ('declined' in outcome) return (io.out('Apply cancelled: nothing was written.\n'), 1);
  const { report } = outcome;
  io.out(values.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, useColor()) + '\n');
  return report.ok ? 0 : 1;
}

/** The plan as `plan` shows it, then the question. */
async function askApproval(plan: Plan, io: TerminalIo): Promise<boolean> {
  const changes = plan.counts.rulesToAdd + (plan.counts.rulesToRevoke ?? 0);
  io.out(formatPlan(plan, { color: useColor() }) + '\n\n');
  return approves(await io.question(`Apply these ${changes} changes? [y/N] `));
}
