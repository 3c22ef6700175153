import { TerminalError } from '../errors';
import { formatDiagnostics, type Diagnostic } from './diagnostic';
import type { NormalizedConfig } from './normalized-config';
import type { ParseConfigResult } from './parse-config-text';

/** Thrown by callers that cannot go on with an invalid config; carries every diagnostic. */
export class ConfigInvalidError extends TerminalError {
  override readonly name: string = 'ConfigInvalidError';
  readonly diagnostics: readonly Diagnostic[];

  constructor(sourceName: string, diagnostics: readonly Diagnostic[]) {
    super(`${sourceName} is not valid:\n${formatDiagnostics(diagnostics)}`, {
      code: 'ConfigInvalid',
      operation: 'parseConfig',
    });
    this.diagnostics = diagnostics;
  }
}

/** The config of a successful parse; throws ConfigInvalidError (code 'ConfigInvalid') otherwise. */
export function requireValidConfig(result: ParseConfigResult, sourceName: string): NormalizedConfig {
  if (result.ok) return result.config;
  throw new ConfigInvalidError(sourceName, result.diagnostics);
}
