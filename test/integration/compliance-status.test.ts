import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runGraphCommand } from '../../cli/graph-command';
import { runStatusCommand } from '../../cli/status-command';
import { startServe, type RunningServe } from '../../cli/serve-command';
import type { ComplianceModel } from '../../shared/compliance';
import { forgetFunctionConfig, forgetFunctionRuntime } from '../../shared/function-host';
import { ACCOUNT_B_ID } from '../support/identities';
import { config, exampleScenario, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';
import { statusWorld, statusYaml, WRITE_ACTIONS } from '../support/status-world';

const TOKEN = 'status-test-token-41c2';
let file: string;
let serve: RunningServe;

const cloud = useEmulator({ per: 'suite' });
beforeAll(async () => {
  const emu = await cloud.start(statusWorld(exampleScenario()));
  // web-pair converged first: the one pairing in sync
  await run(config(statusYaml(['web-pair'])), runtimeFor(emu));
  emu.emulator.calls.clear();
  file = join(mkdtempSync(join(tmpdir(), 'sg-pairing-status-')), 'pairings.yaml');
  writeFileSync(file, statusYaml());
  cloud.setEnv({
    ...cloud.env(),
    SG_PAIRING_HTTP_TOKEN: TOKEN,
    SG_PAIRING_CONFIG: undefined,
    SG_PAIRING_RETRY_MAX_ATTEMPTS: '1',
  });
  forgetFunctionConfig();
  forgetFunctionRuntime();
  cloud.captureLogs();
  serve = await startServe({ port: 0, configFile: file });
});
afterAll(async () => {
  await serve?.close();
  forgetFunctionConfig();
  forgetFunctionRuntime();
});

/** The CLI in this process (a subprocess costs seconds): its exit code and what it printed. */
async function sgPairing([command, ...args]: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = cloud.captureLogs();
  const err: string[] = [];
  const stderr = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  try {
    const code = await (command === 'graph' ? runGraphCommand : runStatusCommand)(args);
    return { code, stdout: out.raw(), stderr: err.join('') };
  } finally {
    stderr.mockRestore();
    // the served handler's log lines stay captured
    cloud.captureLogs();
  }
}

const writes = () => cloud.calls.records.filter((c) => WRITE_ACTIONS.has(c.action));
const get = (path: string, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) =>
  fetch(serve.url + path, { headers });

describe('sg-pairing status and GET /status.json: one model from a dry run', () => {
  it('status --format json shows each pairing with its reason, exits 1 for the denied account, and writes nothing', async () => {
    const r = await sgPairing(['status', '--config', file, '--format', 'json']);

    expect(r.code).toBe(1);
    const model = JSON.parse(r.stdout) as ComplianceModel;
    expect(model.rows.map((row) => [row.pairing, row.side, row.groupId ?? '-', row.state, row.reason ?? ''])).toEqual([
      ['app-db', 1, 'sg-bp1azkttqpldxgte0001', 'NotEvaluated', 'OtherAccountFailed'],
      ['app-db', 2, 'sg-bp15ed6xe1yxeycg0002', 'Failed', 'AccessDenied'],
      ['app-web', 1, 'sg-bp1azkttqpldxgte0001', 'Missing', 'RulesMissing'],
      ['app-web', 2, 'sg-a1', 'Missing', 'RulesMissing'],
      ['ghost-pair', 1, '-', 'Blocked', 'InstanceNotFound'],
      ['ghost-pair', 2, '-', 'Blocked', 'InstanceNotFound'],
      ['web-pair', 1, 'sg-a1', 'InSync', ''],
      ['web-pair', 2, 'sg-a2', 'InSync', ''],
    ]);
    expect(model.rows[1].message).toContain(ACCOUNT_B_ID);
    expect(model.groups.find((g) => g.groupId === 'sg-a1')).toMatchObject({
      rules: 1,
      rulesLeft: 199,
      referencesLeft: 20,
    });
    expect(model.evaluated).toMatchObject({ by: 'cli', mode: 'plan' });
    const graph = await sgPairing(['graph', '--config', file, '--format', 'dot']);
    expect(graph.code).toBe(1);
    expect(graph.stdout.match(/ -> /g)).toHaveLength(4);
    expect(graph.stdout).toContain('[label="app-db", color="#6a1b9a", tooltip="Failed: AccessDenied: account');
    expect(writes()).toEqual([]);
  });

  it('GET /status.json answers the same model (by http), behind the token; a query parameter is a 400, never a 5xx', async () => {
    const r = await get('/status.json');
    expect(r.status).toBe(200);
    const model = (await r.json()) as ComplianceModel;
    expect(model.evaluated.by).toBe('http');
    expect(model.pairings.map((p) => [p.name, p.state])).toEqual([
      ['app-db', 'Failed'],
      ['app-web', 'Missing'],
      ['ghost-pair', 'Blocked'],
      ['web-pair', 'InSync'],
    ]);
    expect((await get('/status.json', {})).status).toBe(401);
    const bad = await get('/status?format=%ff&x=<script>');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('InvalidQuery');
    const post = { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' } };
    expect((await fetch(serve.url + '/status', post)).status).toBe(405);
    expect(writes()).toEqual([]);
  });

  it('status refuses an unknown format and an invalid config with exit 1, before reading the cloud', async () => {
    cloud.calls.clear();
    const format = await sgPairing(['status', '--config', file, '--format', 'xml']);
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('--format must be table, json or csv, got "xml"');
    const invalid = join(mkdtempSync(join(tmpdir(), 'sg-pairing-status-')), 'bad.yaml');
    writeFileSync(invalid, 'version: 1\nname: x\n');
    const r = await sgPairing(['status', '--config', invalid]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('region');
    expect(cloud.calls.records).toEqual([]);
  });
});
