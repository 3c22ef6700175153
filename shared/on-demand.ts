/**
 * A module loaded on first use (cold start: a function instance that never needs it never loads it). Give
 * both spellings of the same module: a bundle and the bin's tsx hook load it with `require` (esbuild bundles
 * a require as a module run on first use; tsx hooks require only, not `import()`), while a test runner that
 * transforms modules itself (vitest) finds TypeScript only through `import()`. Only a module that cannot be
 * found by `require` falls back; any other failure is the module's own and is thrown.
 */
export async function onDemand<T>(viaRequire: () => T, viaImport: () => Promise<T>): Promise<T> {
  try {
    return viaRequire();
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw err;
    return viaImport();
  }
}
