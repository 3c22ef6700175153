import { build, type Metafile, type Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { NODE_BUNDLE } from './bundle-options';

/** The file beside each function's index.js holding the packages loaded on demand (the cloud SDKs, yaml). */
export const VENDOR_FILE = 'vendor.js';

/**
 * The packages that go to the vendor file (with everything they import): the cloud SDKs and their runtime,
 * ali-oss (the run history), and yaml (only a config that is not the bundled one is parsed at run time).
 */
const VENDORED = /^(@(alicloud|darabonba)\/|yaml$|ali-oss$)/;

/**
 * Cold start: the SDKs are half of a function's code, and a function that handles an event without a
 * cloud call (or before its first) need not even parse them. The function's bundle reaches each vendored
 * module through `require('./vendor.js')[path]`, and only from modules imported on demand (the adapters
 * sdk-cloud.ts loads on their first call; the config parser load-function-config.ts loads for a config the
 * build did not validate) or through the getters of lazyModule, so the vendor file is read at the first
 * cloud call. Every vendored module the
 * bundle names is recorded in `paths`, for buildVendor.
 */
export function vendorPlugin(root: string, paths: Set<string>): Plugin {
  const fromRoot = createRequire(join(root, 'package.json'));
  return {
    name: 'lazy-vendor',
    setup(b) {
      b.onResolve({ filter: VENDORED }, (args) => {
        if (args.namespace === 'lazy-vendor' || args.importer.includes('node_modules')) return undefined;
        paths.add(args.path);
        return { path: args.path, namespace: 'lazy-vendor' };
      });
      b.onResolve({ filter: /^\.\/vendor\.js$/, namespace: 'lazy-vendor' }, (args) => ({
        path: args.path,
        external: true,
      }));
      b.onLoad({ filter: /.*/, namespace: 'lazy-vendor' }, (args) => ({
        contents: lazyModule(args.path, fromRoot(args.path)),
        loader: 'js',
      }));
    },
  };
}

/**
 * The stand-in for one vendored module: its export names (read here, at build time) as getters that load
 * vendor.js on the first read, so a module that imports it at top level (e.g. through a package's index)
 * costs nothing until the code runs. A module that is itself a function is loaded when first imported.
 */
function lazyModule(path: string, real: unknown): string {
  const source = `require('./${VENDOR_FILE}')[${JSON.stringify(path)}]`;
  if (typeof real !== 'object' || real === null) return `module.exports = ${source};`;
  const names = Object.getOwnPropertyNames(real).filter((n) => n !== '__esModule');
  return [
    `let m; const load = () => (m ??= ${source});`,
    '__esModule' in real ? `Object.defineProperty(exports, '__esModule', { value: true });` : '',
    `for (const k of ${JSON.stringify(names)}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });`,
  ].join('\n');
}

/** The vendor file: each recorded module, evaluated when first asked for. */
export async function buildVendor(root: string, target: string, paths: Set<string>): Promise<Metafile> {
  const fromRoot = createRequire(join(root, 'package.json'));
  const entries = [...paths].sort().map((p) => {
    fromRoot.resolve(p);
    return `get ${JSON.stringify(p)}() { return require(${JSON.stringify(p)}); }`;
  });
  const result = await build({
    stdin: { contents: `module.exports = {\n${entries.join(',\n')}\n};`, resolveDir: root, loader: 'js' },
    outfile: join(target, VENDOR_FILE),
    ...NODE_BUNDLE,
    metafile: true,
    absWorkingDir: root,
  });
  return result.metafile;
}
