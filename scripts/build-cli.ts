/**
 * The compiled CLI, `dist/cli.js`: one CommonJS bundle of cli/main.ts with every dependency inside, so an
 * install without dev dependencies (`npm ci --omit=dev`, no tsx and no native esbuild) still runs
 * `sg-pairing`. It sits one level under the root, as cli/ does, because the CLI finds `examples/` and
 * `package.json` from its own directory. The subcommands stay loaded on first use inside the bundle.
 */
import { build } from 'esbuild';
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NODE_BUNDLE } from './bundle-options';

export interface CliBuildOptions {
  /** repository root (default: this script's parent) */
  root?: string;
  /** where `cli.js` goes (default <root>/dist) */
  outDir?: string;
}

/** Bundles the CLI; answers the bundle's path and size. */
export async function buildCli(options: CliBuildOptions = {}): Promise<{ file: string; bytes: number }> {
  const root = resolve(options.root ?? join(__dirname, '..'));
  const outDir = resolve(options.outDir ?? join(root, 'dist'));
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'cli.js');
  await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    outfile: file,
    ...NODE_BUNDLE,
    absWorkingDir: root,
  });
  return { file, bytes: statSync(file).size };
}
