import { loadConfigFile, type Diagnostic, type NormalizedConfig } from '../shared/config';
import { isSgPairingError } from '../shared/errors';
import { fileProblem } from './file-problem';
import { formatGroupedDiagnostics } from './group-diagnostics';

/** Why a command cannot use its pairings file: the file is missing or unreadable, or invalid. */
export interface ConfigProblem {
  readonly ok: false;
  readonly error: { readonly code: 'ConfigUnreadable' | 'ConfigInvalid'; readonly message: string };
  /** every problem with its path (empty when the file could not be read) */
  readonly diagnostics: readonly Diagnostic[];
}

export type ConfigRead =
  { readonly ok: true; readonly config: NormalizedConfig; readonly warnings: readonly Diagnostic[] } | ConfigProblem;

/** Reads and validates a pairings file; an unreadable one is a problem in words, never a raw ENOENT. */
export async function readConfig(path: string): Promise<ConfigRead> {
  try {
    const result = await loadConfigFile(path);
    if (result.ok) return result;
    const error = { code: 'ConfigInvalid', message: `${path}: invalid configuration` } as const;
    return { ok: false, error, diagnostics: result.diagnostics };
  } catch (err) {
    if (!isSgPairingError(err) || err.code !== 'ConfigUnreadable') throw err;
    const message = `cannot read the pairings file ${path}: ${fileProblem(err.cause)}`;
    return { ok: false, error: { code: 'ConfigUnreadable', message }, diagnostics: [] };
  }
}

/**
 * Reports a config problem: with --json, one JSON object on stdout (`{ok: false, error: {code,
 * message}, diagnostics}`), so a script always gets JSON; otherwise the message and the grouped
 * diagnostics on stderr.
 */
export function reportConfigProblem(problem: ConfigProblem, how: { command: string; json: boolean }): void {
  if (how.json) {
    const { ok, error, diagnostics } = problem;
    process.stdout.write(`${JSON.stringify({ ok, error, diagnostics }, null, 2)}\n`);
    return;
  }
  const details = problem.diagnostics.length > 0 ? `\n${formatGroupedDiagnostics(problem.diagnostics)}` : '';
  process.stderr.write(`sg-pairing ${how.command}: ${problem.error.message}${details}\n`);
}
