import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NormalizedConfig } from '../config';
import { TerminalError } from '../errors';
import { onDemand } from '../on-demand';

/**
 * What `npm run build` embedded (scripts/build.ts): the bundled pairings file's sha256 and its config,
 * validated and normalized at build time. Absent outside a bundle (tests, the CLI).
 */
declare const BUILT_PAIRINGS_CONFIG: string | undefined;
export interface BuiltConfig {
  readonly sha256: string;
  readonly config: NormalizedConfig;
}

/** The config text's digest, as the build records it. */
export const configDigest = (text: string): string => createHash('sha256').update(text).digest('hex');

function builtConfig(): BuiltConfig | undefined {
  return typeof BUILT_PAIRINGS_CONFIG === 'string' ? (JSON.parse(BUILT_PAIRINGS_CONFIG) as BuiltConfig) : undefined;
}

/**
 * The config inside FC: inline `SG_PAIRING_CONFIG` (YAML or JSON), else the file named by
 * `SG_PAIRING_CONFIG_FILE` (default `pairings.yaml` beside the bundle). Read and validated once per
 * instance; an invalid config fails every invocation loudly with its diagnostics. When the text is the one
 * the build validated (same sha256), the build's normalized config is used as is: the bundle then never
 * loads the YAML parser nor the schema (cold start); any other text is parsed and validated here.
 */
export async function loadFunctionConfig(env: NodeJS.ProcessEnv, codeDir: string): Promise<NormalizedConfig> {
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
  const built = builtConfig();
  if (built !== undefined && built.sha256 === configDigest(text)) return built.config;
  /* eslint-disable @typescript-eslint/no-require-imports -- the parser loads on demand (shared/on-demand.ts) */
  const { parseConfigText } = await onDemand(
    () => require('../config/parse-config-text') as typeof import('../config/parse-config-text'),
    () => import('../config/parse-config-text.js'),
  );
  const { requireValidConfig } = await onDemand(
    () => require('../config/config-invalid-error') as typeof import('../config/config-invalid-error'),
    () => import('../config/config-invalid-error.js'),
  );
  /* eslint-enable @typescript-eslint/no-require-imports */
  return requireValidConfig(parseConfigText(text, source), source);
}

type Loaded = { ok: true; config: NormalizedConfig } | { ok: false; error: unknown };
let cached: Promise<Loaded> | undefined;

/** Once per instance (cold start); the same answer, good or bad, for every later invocation. */
export async function functionConfig(
  env: NodeJS.ProcessEnv = process.env,
  codeDir: string = process.cwd(),
): Promise<NormalizedConfig> {
  cached ??= loadFunctionConfig(env, codeDir).then(
    (config): Loaded => ({ ok: true, config }),
    (error: unknown): Loaded => ({ ok: false, error }),
  );
  const loaded = await cached;
  if (!loaded.ok) throw loaded.error;
  return loaded.config;
}

/** Tests load several configs in one process. */
export function forgetFunctionConfig(): void {
  cached = undefined;
}
