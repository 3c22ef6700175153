import { checkDeploymentId, checkExternalIds, formatDiagnostics } from '../shared/config';
import { expandPairingNames } from '../shared/directory';
import { selectPairings } from '../shared/plan';
import { configHelp, configOptions, parseFlags } from './common-options';
import { readConfig, reportConfigProblem } from './config-file';
import { explainFleet } from './format-directory';

const help = `Usage: sg-pairing validate [--config FILE] [--pairing NAME]... [--json]

Checks a pairings file and prints every problem with its path. With --pairing, also checks that
each name is a declared pairing (as plan and apply do). Warns about each account without an
externalId (its role should require one), and a deployment without a deploymentId. Exit 0 valid (warnings included), 1 invalid or unreadable.

${configHelp}`;

export async function runValidateCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, configOptions, { positionals: false });
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const result = await readConfig(values.config);
  if (!result.ok) return (reportConfigProblem(result, { command: 'validate', json: values.json }), 1);
  // an unknown name throws UsageError 'UnknownPairing', reported by main like plan's
  // a fleet pairing's name stands for its expansions
  const selected = selectPairings(result.config, expandPairingNames(result.config, values.pairing));
  const warnings = [...result.warnings, ...checkExternalIds(result.config), ...checkDeploymentId(result.config)];
  if (values.json) {
    process.stdout.write(JSON.stringify({ ok: true, diagnostics: warnings }, null, 2) + '\n');
    return 0;
  }
  const c = result.config;
  const which = values.pairing ? `${selected.length} of ${c.pairings.length}` : `${c.pairings.length}`;
  process.stdout.write(
    `${values.config}: valid (deployment "${c.name}", ${which} pairing(s), ${Object.keys(c.accounts).length} account(s))\n`,
  );
  if (warnings.length > 0) process.stdout.write(formatDiagnostics(warnings) + '\n');
  const fleet = explainFleet(c);
  if (fleet.length > 0) process.stdout.write(fleet.join('\n') + '\n');
  return 0;
}
