import { readFile } from 'node:fs/promises';
import { TerminalError } from '../errors';
import { parseConfigText, type ParseConfigResult } from './parse-config-text';

export const defaultConfigPath = 'pairings.yaml';

/**
 * Reads and parses a config file (the only I/O of this folder). An unreadable file throws a
 * TerminalError with code 'ConfigUnreadable'; an invalid one returns the diagnostics.
 */
export async function loadConfigFile(path: string = defaultConfigPath): Promise<ParseConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new TerminalError(`cannot read config file ${path}: ${reason}`, {
      code: 'ConfigUnreadable',
      operation: 'loadConfigFile',
      cause,
    });
  }
  return parseConfigText(text, path);
}
