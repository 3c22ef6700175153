import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultConfigPath, formatDiagnostics, loadConfigFile, type NormalizedConfig } from '../shared/config';

export const configOptions = {
  config: { type: 'string', short: 'c', default: defaultConfigPath },
  pairing: { type: 'string', short: 'p', multiple: true },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export const configHelp = [
  '  -c, --config FILE     pairings file (default pairings.yaml)',
  '  -p, --pairing NAME    only this pairing (repeatable); all when absent',
  '      --json            machine-readable output on stdout',
  '  -h, --help            this help',
].join('\n');

/** Parses flags strictly: an unknown flag is an error naming it. */
export function parseFlags<O extends ParseArgsConfig['options']>(argv: string[], options: O) {
  return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
}

/** Loads and validates the config; prints every diagnostic and returns undefined when invalid. */
export async function loadConfigOrReport(path: string): Promise<NormalizedConfig | undefined> {
  const result = await loadConfigFile(path);
  if (result.ok) return result.config;
  process.stderr.write(`${path}: invalid configuration\n${formatDiagnostics(result.diagnostics)}\n`);
  return undefined;
}

/** Colour only on a TTY, and never when NO_COLOR is set. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env);
}
