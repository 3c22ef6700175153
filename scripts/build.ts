/**
 * `npm run build`: one CommonJS bundle per function, `dist/<name>/index.js` (FC handler
 * `index.handler`), with the pairings file beside it (the handler reads `pairings.yaml` from its
 * code directory). Each `functions/<name>/index.ts` is an entry; `s.yaml` points at `./dist/<name>`.
 */
import { build, type Metafile } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildCli } from './build-cli';
import { NODE_BUNDLE } from './bundle-options';
import { buildVendor, vendorPlugin } from './lazy-vendor';
import { formatDiagnostics, parseConfigText, requireValidConfig } from '../shared/config';
import { configDigest, type BuiltConfig } from '../shared/function-host/load-function-config';

export interface BuildOptions {
  /** repository root (default: this script's parent) */
  root?: string;
  /** where the bundles go (default <root>/dist) */
  outDir?: string;
  sourcemap?: boolean;
  /** the pairings file to bundle (default: <root>/pairings.yaml, else the example) */
  pairings?: string;
  /** build only these functions (default: every one) */
  only?: readonly string[];
  log?: (line: string) => void;
  /**
   * bundle examples/pairings.yaml when the root has no pairings.yaml (a demo deploy): refused unless
   * asked (`npm run build -- --example`, or SG_PAIRING_BUILD_EXAMPLE=1)
   */
  example?: boolean;
}

/** The build will not bundle this config: none at the root (and the example not asked for), or an invalid one. */
export class BuildRefused extends Error {
  override name = 'BuildRefused';
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

export async function buildFunctions(options: BuildOptions = {}): Promise<BuiltFunction[]> {
  const root = resolve(options.root ?? join(__dirname, '..'));
  const outDir = resolve(options.outDir ?? join(root, 'dist'));
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const config = options.pairings ?? pairingsFile(root, log, options.example ?? false);
  const builtConfig = validatedConfig(config);
  const built = await Promise.all(
    functionEntries(root)
      .filter((name) => !options.only || options.only.includes(name))
      .map(async (name): Promise<BuiltFunction> => {
        const target = join(outDir, name);
        rmSync(target, { recursive: true, force: true });
        mkdirSync(target, { recursive: true });
        const file = join(target, 'index.js');
        const vendorPaths = new Set<string>();
        const result = await build({
          entryPoints: [join(root, 'functions', name, 'index.ts')],
          outfile: file,
          ...NODE_BUNDLE,
          sourcemap: options.sourcemap ? 'external' : false,
          metafile: true,
          absWorkingDir: root,
          define: { ...NODE_BUNDLE.define, BUILT_PAIRINGS_CONFIG: JSON.stringify(builtConfig) },
          plugins: [vendorPlugin(root, vendorPaths)],
        });
        const vendor = await buildVendor(root, target, vendorPaths);
        copyFileSync(config, join(target, 'pairings.yaml'));
        const inputs = [...new Set([...bundleInputs(result.metafile, root), ...bundleInputs(vendor, root)])].sort();
        return { name, file, bytes: statSync(file).size, inputs };
      }),
  );
  for (const b of built) log(`${relative(root, b.file).padEnd(36)} ${(b.bytes / 1024).toFixed(0).padStart(6)} KiB`);
  return built;
}

/**
 * The deployment's pairings.yaml, checked as the functions will load it (every diagnostic when
 * invalid); the example only when asked: a deploy of the demo config by mistake would pair nothing real.
 */
function pairingsFile(root: string, log: (line: string) => void, example: boolean): string {
  const own = join(root, 'pairings.yaml');
  if (!existsSync(own) && !example)
    throw new BuildRefused(
      "no pairings.yaml at the repository root: put the deployment's config there (to bundle the demo config examples/pairings.yaml, run npm run build -- --example or set SG_PAIRING_BUILD_EXAMPLE=1)",
    );
  const file = existsSync(own) ? own : join(root, 'examples', 'pairings.yaml');
  if (file !== own)
    log('warning: no pairings.yaml at the repository root; bundling examples/pairings.yaml (asked for)');
  const parsed = parseConfigText(readFileSync(file, 'utf8'), relative(root, file));
  if (!parsed.ok)
    throw new BuildRefused(
      `${relative(root, file)} is invalid, nothing built:\n${formatDiagnostics(parsed.diagnostics)}`,
    );
  return file;
}

/**
 * The pairings file validated here, at build time: an invalid one fails the build with every diagnostic
 * (ConfigInvalidError). The normalized config and the file's sha256 go into each bundle
 * (BUILT_PAIRINGS_CONFIG, read by shared/function-host/load-function-config.ts), so a function whose
 * config is that file never loads the YAML parser nor the schema at run time.
 */
function validatedConfig(file: string): string {
  const text = readFileSync(file, 'utf8');
  const built: BuiltConfig = {
    sha256: configDigest(text),
    config: requireValidConfig(parseConfigText(text, file), file),
  };
  return JSON.stringify(built);
}

/** The source files with code in the bundle (tree-shaken modules left out). */
function bundleInputs(metafile: Metafile, root: string): string[] {
  const used = Object.values(metafile.outputs).flatMap((o) =>
    Object.entries(o.inputs)
      // <stdin> and `lazy-vendor:<module>`: the vendor bundle's generated modules (lazy-vendor.ts), no source file
      .filter(([p, i]) => i.bytesInOutput > 0 && p !== '<stdin>' && !/^[a-z-]+:/.test(p))
      .map(([p]) => p),
  );
  return [...new Set(used)].map((p) => relative(root, resolve(root, p))).sort();
}

if (require.main === module) {
  const main = async (): Promise<number> => {
    const built = await buildFunctions({
      sourcemap: process.argv.includes('--sourcemap'),
      example: process.argv.includes('--example') || process.env.SG_PAIRING_BUILD_EXAMPLE === '1',
    });
    if (built.length === 0) process.stderr.write('no functions/<name>/index.ts found\n');
    const cli = await buildCli();
    process.stdout.write(
      `${relative(process.cwd(), cli.file).padEnd(36)} ${(cli.bytes / 1024).toFixed(0).padStart(6)} KiB\n`,
    );
    return built.length === 0 ? 1 : 0;
  };
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
