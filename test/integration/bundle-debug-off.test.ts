// Issue 18.7: the SDK's HTTP client logs through `debug`; with DEBUG=* an unbundled run prints the
// STS security-token header and AssumeRole's raw response (AccessKeySecret) to the log. The built
// bundles define process.env.DEBUG away: run one with DEBUG=* against the emulator and look for
// every credential the emulator issued.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFunctions } from '../../scripts/build';
import { encodeFcHttpEvent } from '../../shared/triggers/http';
import { fcContext } from '../support/function-calls';
import { HUB_CREDENTIALS } from '../support/identities';
import { exampleScenario } from '../support/product';
import { useEmulator } from '../support/use-emulator';

const TOKEN = 'bundle-debug-test-token-91c4';
const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-pairing-debug-'));
  await buildFunctions({ outDir: join(dir, 'dist'), log: () => undefined, example: true });
}, 120_000);

/** Runs `script` with node in a child process; resolves with everything it printed. */
function node(script: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env } }, (err, stdout, stderr) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

/** Calls the http-api handler of `bundle` once with `event`; prints its answer's status last. */
const invokeScript = (bundle: string, eventFile: string) => `
const { readFileSync } = require('node:fs');
const { handler } = require(${JSON.stringify(bundle)});
handler(readFileSync(${JSON.stringify(eventFile)}), ${JSON.stringify(fcContext('sg-pairing-http-api'))})
  .then((r) => console.log('STATUS ' + r.statusCode));
`;

describe('a built bundle run with DEBUG=*', () => {
  it('applies the example pairings through AssumeRole and prints no credential and no httpx debug line', async () => {
    const event = encodeFcHttpEvent({
      method: 'POST',
      url: '/reconcile',
      headers: [
        ['Content-Type', 'application/json'],
        ['Authorization', `Bearer ${TOKEN}`],
      ],
      body: Buffer.from('{}'),
      requestId: 'req-debug',
    });
    writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
    const before = new Set(cloud.world.sessions.keys());
    const env = cloud.env({
      DEBUG: '*',
      DEBUG_DEPTH: '10',
      SG_PAIRING_HTTP_TOKEN: TOKEN,
      SG_PAIRING_CONFIG_FILE: join(dir, 'dist', 'http-api', 'pairings.yaml'),
    });

    const run = await node(invokeScript(join(dir, 'dist', 'http-api', 'index.js'), join(dir, 'event.json')), env);

    expect(run.output).toContain('STATUS 200');
    const issued = [...cloud.world.sessions.values()].filter((s) => !before.has(s.accessKeyId));
    expect(issued.length).toBeGreaterThanOrEqual(2); // one role session per account of the example
    const secrets = [HUB_CREDENTIALS.accessKeySecret, ...issued.flatMap((s) => [s.secret, s.token]), TOKEN];
    expect(secrets.filter((s) => run.output.includes(s))).toEqual([]);
    expect(run.output).not.toMatch(/httpx:(header|body)/);
    expect(run.output).not.toMatch(/x-acs-security-token/i);
  }, 60_000);
});
