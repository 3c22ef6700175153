import { loadConfigFile, formatDiagnostics } from '../shared/config';
import { configHelp, configOptions, parseFlags } from './common-options';

const help = `Usage: sg-pairing validate [--config FILE] [--json]\n\nChecks a pairings file and prints every problem with its path.\n\n${configHelp}`;

export async function runValidateCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, configOptions);
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const result = await loadConfigFile(values.config);
  if (values.json) {
    process.stdout.write(
      JSON.stringify(
        result.ok ? { ok: true, diagnostics: result.warnings } : { ok: false, diagnostics: result.diagnostics },
        null,
        2,
      ) + '\n',
    );
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    process.stderr.write(`${values.config}: invalid configuration\n${formatDiagnostics(result.diagnostics)}\n`);
    return 1;
  }
  const c = result.config;
  process.stdout.write(
    `${values.config}: valid (deployment "${c.name}", ${c.pairings.length} pairing(s), ${Object.keys(c.accounts).length} account(s))\n`,
  );
  return 0;
}
