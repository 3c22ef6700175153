import fc from 'fast-check';

// CI replays one fixed exploration so a green run stays green; locally every run explores anew.
// A failure prints its seed: rerun it with FC_SEED=<seed> npm test.
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261129' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
