/**
 * `npm run build`: one CommonJS bundle per function, `dist/<name>/index.js` (FC handler
 * `index.handler`), with the pairings file beside it (the handler reads `pairings.yaml` from its
 * code directory). Each `functions/<name>/index.ts` is an entry; `s.yaml` points at `./dist/<name>`.
 */
import { build, type Metafile } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export interface BuildOptions {
  /** repository root (default: this script's parent) */
  root?: string;
  /** where the bundles go (default <root>/dist) */
  outDir?: string;
  sourcemap?: boolean;
  log?: (line: string) => void;
}

export interface BuiltFunction {
  name: string;
  file: string;
  bytes: number;
  /** the source files with code in the bundle, relative to the root */
  inputs: string[];
}

/** The functions to build: every functions/<name>/index.ts. */
export function functionEntries(root: string): string[] {
  const dir = join(root, 'functions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'index.ts')))
    .sort();
}

/**
 * The SDK's HTTP client (httpx) logs through the `debug` package, which reads its namespaces from
 * `process.env.DEBUG`: with `DEBUG=httpx:*` every request header (the STS security token) and every
 * response body (AssumeRole's AccessKeySecret) would reach the function log. In the bundles that
 * read is the constant `undefined`, so `debug` starts, and stays, with every namespace off.
 */
export const NO_DEBUG_FROM_ENV = { 'process.env.DEBUG': 'undefined' } as const;

export async function buildFunctions(options: BuildOptions = {}): Promise<BuiltFunction[]> {
  const root = resolve(options.root ?? join(__dirname, '..'));
  const outDir = resolve(options.outDir ?? join(root, 'dist'));
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const config = pairingsFile(root, log);
  const built = await Promise.all(
    functionEntries(root).map(async (name): Promise<BuiltFunction> => {
      const target = join(outDir, name);
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      const file = join(target, 'index.js');
      const result = await build({
        entryPoints: [join(root, 'functions', name, 'index.ts')],
        outfile: file,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        minify: true,
        sourcemap: options.sourcemap ? 'external' : false,
        metafile: true,
        absWorkingDir: root,
        logLevel: 'warning',
        define: NO_DEBUG_FROM_ENV,
      });
      copyFileSync(config, join(target, 'pairings.yaml'));
      return { name, file, bytes: statSync(file).size, inputs: bundleInputs(result.metafile, root) };
    }),
  );
  for (const b of built) log(`${relative(root, b.file).padEnd(36)} ${(b.bytes / 1024).toFixed(0).padStart(6)} KiB`);
  return built;
}

/** The deployment's pairings.yaml; the example when the repository has none (a demo deploy). */
function pairingsFile(root: string, log: (line: string) => void): string {
  const own = join(root, 'pairings.yaml');
  if (existsSync(own)) return own;
  log('warning: no pairings.yaml at the repository root; bundling examples/pairings.yaml (a demo config)');
  return join(root, 'examples', 'pairings.yaml');
}

/** The source files with code in the bundle (tree-shaken modules left out). */
function bundleInputs(metafile: Metafile, root: string): string[] {
  const used = Object.values(metafile.outputs).flatMap((o) =>
    Object.entries(o.inputs)
      .filter(([, i]) => i.bytesInOutput > 0)
      .map(([p]) => p),
  );
  return [...new Set(used)].map((p) => relative(root, resolve(root, p))).sort();
}

if (require.main === module) {
  buildFunctions({ sourcemap: process.argv.includes('--sourcemap') }).then(
    (built) => {
      if (built.length === 0) process.stderr.write('no functions/<name>/index.ts found\n');
      process.exitCode = built.length === 0 ? 1 : 0;
    },
    (err: unknown) => {
      process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
