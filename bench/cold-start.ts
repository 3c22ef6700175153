/**
 * Cold start of the instance-events function: a fresh Node process loads the esbuild bundle and
 * handles one event (config validated, runtime and clients built; the event is of a type it ignores,
 * so nothing goes to the network). Side by side, in the same run and interleaved: a fresh process
 * doing only `require('@alicloud/ecs20140526')`. Medians of 9 each. Run: `npx tsx bench/cold-start.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildFunctions } from '../scripts/build';

export interface ColdStartRow {
  bundleMs: number;
  plainSdkMs: number;
  ratio: number;
  bundleBytes: Record<string, number>;
  runs: number;
}

const root = resolve(__dirname, '..');

const bundleProbe = (file: string, event: string) => `
const t = process.hrtime.bigint();
const m = require(${JSON.stringify(file)});
m.handler(Buffer.from(${JSON.stringify(event)}), { requestId: 'cold', credentials: { accessKeyId: 'LTAIbench', accessKeySecret: 'bench-secret' }, function: { name: 'sg-pairing-instance-events' } })
  .then(() => process.stdout.write('\\nCOLD:' + Number(process.hrtime.bigint() - t) / 1e6));`;

const sdkProbe = `
const t = process.hrtime.bigint();
require(${JSON.stringify(require.resolve('@alicloud/ecs20140526'))});
process.stdout.write('\\nCOLD:' + Number(process.hrtime.bigint() - t) / 1e6);`;

const coldMs = (out: Buffer) => Number(/COLD:([\d.]+)/.exec(out.toString())?.[1]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureColdStart(runs = 9): Promise<ColdStartRow> {
  const out = mkdtempSync(join(tmpdir(), 'sg-pairing-cold-'));
  const built = await buildFunctions({ root, outDir: out, log: () => undefined, example: true });
  const file = join(out, 'instance-events', 'index.js');
  const event = readFileSync(join(root, 'test', 'fixtures', 'events', 'eventbridge', 'unrelated-type.json'), 'utf8');
  const env = { PATH: process.env.PATH, SG_PAIRING_CONFIG_FILE: join(out, 'instance-events', 'pairings.yaml') };
  const bundle: number[] = [];
  const sdk: number[] = [];
  for (let i = 0; i < runs; i++) {
    bundle.push(
      coldMs(
        execFileSync(process.execPath, ['-e', bundleProbe(file, event)], {
          env,
          cwd: join(out, 'instance-events'),
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      ),
    );
    sdk.push(coldMs(execFileSync(process.execPath, ['-e', sdkProbe], { env, stdio: ['ignore', 'pipe', 'ignore'] })));
  }
  const bundleMs = median(bundle);
  const plainSdkMs = median(sdk);
  return {
    bundleMs,
    plainSdkMs,
    ratio: bundleMs / plainSdkMs,
    bundleBytes: Object.fromEntries(built.map((b) => [b.name, statSync(b.file).size])),
    runs,
  };
}

if (require.main === module) {
  measureColdStart().then((r) =>
    console.table([
      {
        'bundle load + first event (ms, median)': r.bundleMs.toFixed(0),
        'plain require ecs20140526 (ms, median)': r.plainSdkMs.toFixed(0),
        ratio: r.ratio.toFixed(2),
        ...Object.fromEntries(Object.entries(r.bundleBytes).map(([k, v]) => [`${k} KB`, (v / 1024).toFixed(0)])),
      },
    ]),
  );
}
