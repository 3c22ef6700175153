import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfigText, requireValidConfig, type NormalizedConfig } from '../config';
import { TerminalError } from '../errors';

/**
 * The config inside FC: inline `SG_PAIRING_CONFIG` (YAML or JSON), else the file named by
 * `SG_PAIRING_CONFIG_FILE` (default `pairings.yaml` beside the bundle). Read and validated once per
 * instance; an invalid config fails every invocation loudly with its diagnostics.
 */
export function loadFunctionConfig(env: NodeJS.ProcessEnv, codeDir: string): NormalizedConfig {
  const inline = env.SG_PAIRING_CONFIG;
  let text: string;
  let source: string;
  if (inline !== undefined && inline.trim() !== '') {
    text = inline;
    source = 'SG_PAIRING_CONFIG';
  } else {
    source = resolve(codeDir, env.SG_PAIRING_CONFIG_FILE ?? 'pairings.yaml');
    try {
      text = readFileSync(source, 'utf8');
    } catch (cause) {
      throw new TerminalError(
        `cannot read config file ${source}: ${cause instanceof Error ? cause.message : String(cause)}`,
        { code: 'ConfigUnreadable', operation: 'loadFunctionConfig', cause },
      );
    }
  }
  return requireValidConfig(parseConfigText(text, source), source);
}

type Loaded = { ok: true; config: NormalizedConfig } | { ok: false; error: unknown };
let cached: Loaded | undefined;

/** Once per instance (cold start); the same answer, good or bad, for every later invocation. */
export function functionConfig(
  env: NodeJS.ProcessEnv = process.env,
  codeDir: string = process.cwd(),
): NormalizedConfig {
  if (!cached) {
    try {
      cached = { ok: true, config: loadFunctionConfig(env, codeDir) };
    } catch (error) {
      cached = { ok: false, error };
    }
  }
  if (!cached.ok) throw cached.error;
  return cached.config;
}

/** Tests load several configs in one process. */
export function forgetFunctionConfig(): void {
  cached = undefined;
}
