import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runServeCommand, startServe, type RunningServe } from '../../cli/serve-command';
import { forgetFunctionRuntime } from '../../shared/function-host';
import type { RunReport } from '../../shared/reconcile';
import { examples, exampleScenario, ingressRules } from '../support/product';
import { useEmulator } from '../support/use-emulator';

const TOKEN = 'serve-test-token-7f3c';
let serve: RunningServe;
const logLines: string[] = [];

/** The example pairings plus one whose instance does not exist: that one is Blocked. */
const configText = `${readFileSync(join(examples, 'pairings.yaml'), 'utf8')}
  - name: ghost-pair
    between:
      - { account: a, instance: i-ghost }
      - { account: a, instance: i-a1 }
`;

const auth = { Authorization: `Bearer ${TOKEN}` };
const json = { 'Content-Type': 'application/json' };
const get = (path: string, headers: Record<string, string> = auth) => fetch(serve.url + path, { headers });
const post = (path: string, body: string, headers: Record<string, string> = { ...auth, ...json }) =>
  fetch(serve.url + path, { method: 'POST', body, headers });
const errorOf = async (r: Response) =>
  ((await r.json()) as { error: { code: string; message: string; issues?: { path: string }[] } }).error;

const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-serve-'));
  writeFileSync(join(dir, 'pairings.yaml'), configText);
  // one attempt per call: the 503 case must not wait out production backoff
  cloud.setEnv({
    ...cloud.env(),
    SG_PAIRING_HTTP_TOKEN: TOKEN,
    SG_PAIRING_CONFIG: undefined,
    SG_PAIRING_RETRY_MAX_ATTEMPTS: '1',
  });
  // the handler logs one JSON line per step on stdout, as in FC: keep them for the assertions
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array) => (logLines.push(String(chunk)), true),
  );
  serve = await startServe({ port: 0, configFile: join(dir, 'pairings.yaml') });
});
afterAll(async () => {
  await serve?.close();
  vi.restoreAllMocks();
});

describe('sg-pairing serve: the HTTP API over real HTTP, through the FC handler', () => {
  it('200 GET /healthz, without a token', async () => {
    const r = await get('/healthz', {});
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok' });
  });

  it('401 without a token or with a wrong one, before revealing which paths exist', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: TOKEN },
      { 'X-Sg-Pairing-Token': 'wrong' },
    ];
    for (const headers of attempts) {
      const r = await get('/plan', headers);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="sg-pairing"');
      expect((await errorOf(r)).code).toBe('Unauthorized');
    }
    expect((await get('/no-such-path', {})).status).toBe(401);
  });

  it('accepts the token in X-Sg-Pairing-Token too (FC authType function keeps Authorization for its signature)', async () => {
    const r = await get('/plan?pairing=web-pair', {
      'X-Sg-Pairing-Token': TOKEN,
      Authorization: 'ACS3-HMAC-SHA256 Credential=x',
    });
    expect(r.status).toBe(200);
  });

  it('404 for an unknown path and for an unknown pairing', async () => {
    const path = await get('/pairings');
    expect(path.status).toBe(404);
    expect((await errorOf(path)).code).toBe('NotFound');
    const pairing = await post('/reconcile', JSON.stringify({ pairings: ['web-pair', 'no-such-pairing'] }));
    expect(pairing.status).toBe(404);
    expect(await errorOf(pairing)).toMatchObject({
      code: 'UnknownPairing',
      message: expect.stringContaining('"no-such-pairing"'),
    });
    expect((await get('/plan?pairing=nope')).status).toBe(404);
  });

  it('405 with Allow for a wrong method', async () => {
    const a = await post('/plan', '{}');
    expect(a.status).toBe(405);
    expect(a.headers.get('allow')).toBe('GET');
    const b = await get('/reconcile');
    expect(b.status).toBe(405);
    expect(b.headers.get('allow')).toBe('POST');
    const c = await fetch(serve.url + '/healthz', { method: 'DELETE' });
    expect(c.status).toBe(405);
  });

  it('400 naming the field: unknown field, wrong type, bad name, malformed JSON, unknown query parameter', async () => {
    const cases: [string, string, string][] = [
      ['{"pairings":["web-pair"],"dryrun":true}', 'InvalidBody', 'dryrun'],
      ['{"dryRun":"yes"}', 'InvalidBody', 'dryRun'],
      ['{"pairings":"web-pair"}', 'InvalidBody', 'pairings'],
      ['{"pairings":["10.0.0.0/8"]}', 'InvalidBody', 'pairings[0]'],
      ['{"pairings":[]}', 'InvalidBody', 'pairings'],
      ['{"rules":[{"cidr":"0.0.0.0/0"}]}', 'InvalidBody', 'rules'],
      ['{"pairings":', 'MalformedBody', ''],
      ['["web-pair"]', 'MalformedBody', ''],
    ];
    for (const [body, code, field] of cases) {
      const r = await post('/reconcile', body);
      expect(r.status, body).toBe(400);
      const error = await errorOf(r);
      expect(error.code, body).toBe(code);
      if (field) {
        expect(
          error.issues?.map((i) => i.path),
          body,
        ).toContain(field);
        expect(error.message, body).toContain(field);
      }
    }
    const query = await get('/plan?pairings=web-pair');
    expect(query.status).toBe(400);
    expect(await errorOf(query)).toMatchObject({ code: 'InvalidQuery', message: 'unknown query parameter "pairings"' });
  });

  it('413 for a body over 64 KiB', async () => {
    const big = JSON.stringify({ pairings: ['web-pair'], pad: 'x'.repeat(70 * 1024) });
    const r = await post('/reconcile', big);
    expect(r.status).toBe(413);
    expect((await errorOf(r)).code).toBe('PayloadTooLarge');
  });

  it('415 for a POST body that is not JSON', async () => {
    const r = await post('/reconcile', 'pairings=web-pair', {
      ...auth,
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(r.status).toBe(415);
    expect((await errorOf(r)).code).toBe('UnsupportedMediaType');
    const jsonish = await post('/reconcile', '{"pairings":["web-pair"],"dryRun":true}', {
      ...auth,
      'Content-Type': 'application/merge-patch+json; charset=utf-8',
    });
    expect(jsonish.status).toBe(200);
  });

  it('503 with Retry-After when every pairing failed with a retryable cloud error (STS unavailable)', async () => {
    forgetFunctionRuntime(); // no cached role sessions: the next run must call AssumeRole
    cloud.faults.set({ action: 'AssumeRole', failNext: { count: 10, code: 'ServiceUnavailable' } });
    try {
      const r = await get('/plan?pairing=web-pair&pairing=app-db');
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('30');
      const body = (await r.json()) as { error: { code: string; retryable: boolean }; report: RunReport };
      expect(body.error).toMatchObject({ code: 'CloudUnavailable', retryable: true });
      expect(body.report.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([
        ['app-db', 'Failed', 'ServiceUnavailable'],
        ['web-pair', 'Failed', 'ServiceUnavailable'],
      ]);
    } finally {
      cloud.faults.clear();
      forgetFunctionRuntime();
    }
  });

  it('200 GET /plan of converged-or-pending pairings; 207 when one is blocked', async () => {
    const ok = await get('/plan?pairing=web-pair,app-db');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as RunReport).pairings.map((p) => p.status)).toEqual(['Pending', 'Pending']);

    const some = await get('/plan');
    expect(some.status).toBe(207);
    const report = (await some.json()) as RunReport;
    expect(report.mode).toBe('plan');
    expect(report.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([
      ['app-db', 'Pending', undefined],
      ['ghost-pair', 'Blocked', 'InstanceNotFound'],
      ['web-pair', 'Pending', undefined],
    ]);
  });

  it('200 POST /reconcile applies the named pairings, then reports them in sync; 207 when one is blocked', async () => {
    const applied = await post('/reconcile', JSON.stringify({ pairings: ['web-pair', 'app-db'] }));
    expect(applied.status).toBe(200);
    const report = (await applied.json()) as RunReport;
    expect(report).toMatchObject({ mode: 'apply', ok: true, counts: { rulesAdded: 4 } });
    expect(ingressRules(cloud.emulator, 'sg-a1').map((r) => r.sourceCidrIp)).toEqual(['10.0.0.2/32']);

    const again = await post('/reconcile', '');
    expect(again.status).toBe(207);
    expect(((await again.json()) as RunReport).pairings.map((p) => p.status)).toEqual(['InSync', 'Blocked', 'InSync']);
  });

  it('answers --help and refuses a bad port', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => void out.push(l), err: (l: string) => void out.push(l) };
    expect(await runServeCommand(['--help'], io)).toBe(0);
    expect(out.join('')).toContain('Usage: sg-pairing serve');
    expect(await runServeCommand(['--port', '70000'], io)).toBe(1);
    expect(out.join('')).toContain('--port must be an integer 0..65535');
  });

  it('logs one line per request, never the token', () => {
    const lines = logLines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.action === 'http').length).toBeGreaterThan(20);
    expect(logLines.join('')).not.toContain(TOKEN);
  });
});
