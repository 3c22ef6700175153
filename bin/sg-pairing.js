#!/usr/bin/env node
'use strict';
// In a checkout with its dev dependencies (`npm ci`), the TypeScript runs through tsx: nothing to build.
// Without them (`npm ci --omit=dev`: no tsx, no native esbuild at run time) the compiled CLI runs, the one
// bundle `npm run build` writes to dist/cli.js.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

function loadCli() {
  let tsx;
  try {
    tsx = require.resolve('tsx/cjs');
  } catch {
    const compiled = join(__dirname, '..', 'dist', 'cli.js');
    if (!existsSync(compiled)) {
      throw new Error(
        'sg-pairing: no compiled CLI (dist/cli.js) and no tsx to run the TypeScript: run `npm ci && npm run build` in the repository',
      );
    }
    return require(compiled);
  }
  require(tsx);
  return require('../cli/main.ts');
}

Promise.resolve()
  .then(() => loadCli().main(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
