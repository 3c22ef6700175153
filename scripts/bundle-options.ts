import type { BuildOptions } from 'esbuild';

/** How every shipped bundle is built: one self-contained, minified CommonJS file for Node 20. */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;
