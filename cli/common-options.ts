import { type ParseArgsConfig } from 'node:util';
import { defaultConfigPath, type NormalizedConfig } from '../shared/config';
import { readConfig, reportConfigProblem } from './config-file';

export { parseFlags } from './parse-flags';

export const configOptions = {
  config: { type: 'string', short: 'c', default: defaultConfigPath },
  pairing: { type: 'string', short: 'p', multiple: true },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export const configHelp = [
  '  -c, --config FILE     pairings file (default pairings.yaml)',
  '  -p, --pairing NAME    only this pairing (repeatable); all when absent',
  '      --json            machine-readable output on stdout (errors too)',
  '  -h, --help            this help',
].join('\n');

/**
 * Loads and validates the config; when it cannot be used, reports why (JSON on stdout with
 * `json`, else every diagnostic on stderr) and returns undefined.
 */
export async function loadConfigOrReport(
  path: string,
  how: { command: string; json?: boolean },
): Promise<NormalizedConfig | undefined> {
  const result = await readConfig(path);
  if (result.ok) return result.config;
  reportConfigProblem(result, { command: how.command, json: how.json ?? false });
  return undefined;
}

/** Colour only on a TTY, and never when NO_COLOR is set. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env);
}
