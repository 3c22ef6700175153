import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // the test files of one worker share its module cache: importing the product and the emulator anew for each of
    // 166 files was most of the time (measured: 235 s with isolation, 73 s without). Each file restores what it
    // sets (useEmulator's one undo stack) and forgets the cold-start caches (useFunctionEnv).
    isolate: false,
    // vitest's default is one worker per CPU but one; on the 2-core CI that is a single worker, which left a core
    // idle while tests waited on sockets and child processes (measured: 260 s with 1 worker, 179 s with 2).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ['test/support/fast-check-setup.ts'],
  },
});
