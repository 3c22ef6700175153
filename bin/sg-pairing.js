#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI directly (tsx is a runtime dependency), so `npx sg-pairing` works after `npm ci`.
require('tsx/cjs');
require('../cli/main.ts')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
