// Issue 17, cold start: the build validates the pairings file and embeds its normalized config, and a bundle
// loads the cloud SDKs and the YAML parser (vendor.js) only when it needs them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFunctions } from '../../scripts/build';

const root = resolve(__dirname, '..', '..');
const unrelated = readFileSync(join(root, 'test', 'fixtures', 'events', 'eventbridge', 'unrelated-type.json'), 'utf8');

/** Runs the bundle's handler once on `event` in a fresh process; prints the outcome and whether vendor.js loaded. */
const probe = (bundle: string, event: string) => `
const m = require(${JSON.stringify(bundle)});
const vendorLoaded = () => Object.keys(require.cache).some((k) => k.endsWith('vendor.js'));
const ctx = { requestId: 'probe', credentials: { accessKeyId: 'LTAIprobe', accessKeySecret: 'probe-secret' }, function: { name: 'ie' } };
m.handler(Buffer.from(${JSON.stringify(event)}), ctx).then(
  () => console.log('PROBE ' + JSON.stringify({ ok: true, vendor: vendorLoaded() })),
  (e) => console.log('PROBE ' + JSON.stringify({ ok: false, code: e.code, vendor: vendorLoaded() })));`;

function runProbe(dir: string, env: Record<string, string>): { ok: boolean; code?: string; vendor: boolean } {
  const out = execFileSync(process.execPath, ['-e', probe(join(dir, 'index.js'), unrelated)], {
    cwd: dir,
    env: { PATH: process.env.PATH, ...env },
  }).toString();
  return JSON.parse(/PROBE (.*)/.exec(out)![1]) as { ok: boolean; code?: string; vendor: boolean };
}

describe('a function bundle at cold start', () => {
  let dir = '';
  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'sg-pairing-cold-'));
    await buildFunctions({ outDir: out, only: ['instance-events'], log: () => undefined, example: true });
    dir = join(out, 'instance-events');
  }, 60_000);

  it('ships vendor.js beside index.js and, for an event needing no cloud call, loads neither it nor the YAML parser', () => {
    expect(existsSync(join(dir, 'vendor.js'))).toBe(true);
    expect(runProbe(dir, { SG_PAIRING_CONFIG_FILE: join(dir, 'pairings.yaml') })).toEqual({ ok: true, vendor: false });
  });

  it('still parses and validates a config that is not the bundled file: an invalid inline one fails with ConfigInvalid', () => {
    const inline = { SG_PAIRING_CONFIG: 'version: 1\naccounts: []\npairings: nope\n' };
    expect(runProbe(dir, inline)).toEqual({ ok: false, code: 'ConfigInvalid', vendor: true });
  });
});
