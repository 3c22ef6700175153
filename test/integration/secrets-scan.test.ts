import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, httpFixture, spawnServe } from '../support/faces';
import { examples, exampleScenario } from '../support/product';
import { ACCOUNT_B_ID, ACCOUNT_C_ID } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

const TOKEN = 'http-token-must-never-leak-4b1d';
let dir: string;
const captured: string[] = [];

/** The example pairings, plus one in an account whose role cannot be assumed: error paths are scanned too. */
const configText = readFileSync(join(examples, 'pairings.yaml'), 'utf8')
  .replace(
    new RegExp(`  b: \\{ id: ['"]${ACCOUNT_B_ID}['"] \\}`), // either quote: the example file is formatted by Prettier
    `  b: { id: "${ACCOUNT_B_ID}" }\n  c: { id: "${ACCOUNT_C_ID}", externalId: "ext-id-123" }`,
  )
  .concat(
    '\n  - name: denied-pair\n    between:\n      - { account: c, securityGroup: sg-c1 }\n      - { account: c, securityGroup: sg-c2 }\n',
  );

const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-pairing-secrets-'));
  writeFileSync(join(dir, 'pairings.yaml'), configText);
});

describe('no secret reaches any output of the faces', () => {
  it('drives CLI plan/apply, invoke and serve against the emulator, then finds no key secret, STS secret or token', async () => {
    const env = cloud.env({ SG_PAIRING_HTTP_TOKEN: TOKEN, SG_PAIRING_LOG: 'json' });
    const config = join(dir, 'pairings.yaml');
    const keep = (label: string, text: string) => captured.push(`--- ${label}\n${text}`);

    // the CLI (subprocesses): plan then apply, JSON reports on stdout, JSON logs on stderr
    for (const args of [
      ['plan', '--config', config, '--json'],
      ['apply', '--config', config, '--json'],
    ]) {
      const r = await cli(args, env);
      keep(args.join(' '), r.stdout + r.stderr);
      expect(r.code, args[0]).toBe(1); // denied-pair fails: the error path is in the output
    }

    // invoke (subprocess): an authorized POST /reconcile event
    const event = JSON.parse(readFileSync(httpFixture('post-reconcile-base64'), 'utf8'));
    event.headers.Authorization = `Bearer ${TOKEN}`;
    event.body = Buffer.from(JSON.stringify({ dryRun: false })).toString('base64');
    writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
    const invoked = await cli(['invoke', 'http-api', '--event', join(dir, 'event.json'), '--config', config], env);
    keep('invoke', invoked.stdout + invoked.stderr);
    expect(JSON.parse(invoked.stdout).statusCode).toBe(207);

    // serve (subprocess): every kind of answer, headers and bodies kept
    const serve = await spawnServe(['--config', config], env);
    try {
      const requests: [string, RequestInit][] = [
        ['/healthz', {}],
        ['/plan', { headers: { Authorization: `Bearer ${TOKEN}` } }],
        ['/plan', { headers: { Authorization: `Bearer ${TOKEN}x` } }],
        [
          '/reconcile',
          {
            method: 'POST',
            headers: { 'X-Sg-Pairing-Token': TOKEN, 'Content-Type': 'application/json' },
            body: '{"pairings":["denied-pair"]}',
          },
        ],
        [
          '/reconcile',
          {
            method: 'POST',
            headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
            body: `{"token":"${TOKEN}"}`,
          },
        ],
        ['/nowhere', { headers: { Authorization: `Bearer ${TOKEN}` } }],
      ];
      for (const [path, init] of requests) {
        const r = await fetch(serve.url + path, init);
        keep(`serve ${path} ${r.status}`, JSON.stringify([...r.headers.entries()]) + (await r.text()));
      }
    } finally {
      await serve.stop();
    }
    const { stdout, stderr } = serve.output();
    keep('serve output', stdout + stderr);

    // Assess: the secrets the world holds, the STS credentials it issued during these runs, the token
    const scenario = exampleScenario() as { accounts: { accessKeys?: { secret: string }[] }[] };
    const keySecrets = scenario.accounts.flatMap((a) => (a.accessKeys ?? []).map((k) => k.secret));
    const sessions = [...cloud.world.sessions.values()];
    expect(keySecrets.length).toBe(3);
    expect(sessions.length).toBeGreaterThanOrEqual(8); // 2 accounts x (plan, apply, invoke, serve)
    const secrets = [...keySecrets, ...sessions.flatMap((s) => [s.secret, s.token]), TOKEN];
    const all = captured.join('\n');
    expect(all).toContain('AccessDenied'); // the error path was exercised
    expect(all).toContain('"action":"http"'); // and the logs captured
    expect(secrets.filter((s) => all.includes(s))).toEqual([]);
  }, 60_000);
});
