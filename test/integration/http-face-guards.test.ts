// Issue 18.6: the HTTP face never runs open by accident (an empty token is a misconfiguration, the
// opt-out is explicit), runs one reconcile of everything and two verifications at a time per
// instance, and `sg-pairing serve` refuses what a browser page could send it.
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/http-api';
import { cloudAccess } from '../../shared/explain';
import { createInstanceLimits, handleHttpRequest, type HttpRequest } from '../../shared/http-api';
import { silentLogger } from '../../shared/log';
import { encodeFcHttpEvent, type FcHttpResponse } from '../../shared/triggers/http';
import { verifyPairing } from '../../shared/verify';
import { fcContext } from '../support/function-calls';
import { config, exampleScenario, exampleYaml, run, runtimeFor, webPairVerifyYaml } from '../support/product';
import { useEmulator } from '../support/use-emulator';

const WRITES = ['AuthorizeSecurityGroup', 'RevokeSecurityGroup'];

function call(method: 'GET' | 'POST', url: string, body = ''): Promise<FcHttpResponse> {
  const event = encodeFcHttpEvent({
    method,
    url,
    headers: method === 'POST' ? [['Content-Type', 'application/json']] : [],
    body: Buffer.from(body),
    requestId: `req-${url}`,
  });
  return handler(Buffer.from(JSON.stringify(event)), fcContext('sg-pairing-http-api'));
}
const errorOf = (r: FcHttpResponse) => (JSON.parse(r.body) as { error: { code: string; message: string } }).error;

describe('the deployed HTTP face without a token', () => {
  const cloud = useEmulator({ scenario: exampleScenario(), per: 'test' });

  it('refuses every request 500 HttpAuthNotConfigured naming the variable, logs it once, writes nothing', async () => {
    cloud.useFunctionEnv(exampleYaml(), { SG_PAIRING_HTTP_TOKEN: '', SG_PAIRING_HTTP_AUTH: undefined });
    const logs = cloud.captureLogs();

    const answers = [await call('GET', '/healthz'), await call('GET', '/plan'), await call('POST', '/reconcile', '')];

    expect(answers.map((r) => [r.statusCode, errorOf(r).code])).toEqual([
      [500, 'HttpAuthNotConfigured'],
      [500, 'HttpAuthNotConfigured'],
      [500, 'HttpAuthNotConfigured'],
    ]);
    expect(errorOf(answers[1]).message).toContain('SG_PAIRING_HTTP_TOKEN');
    expect(errorOf(answers[1]).message).toContain('SG_PAIRING_HTTP_AUTH=none');
    expect(logs.lines().filter((l) => l.action === 'http.auth-not-configured')).toEqual([
      expect.objectContaining({ level: 'error', variable: 'SG_PAIRING_HTTP_TOKEN' }),
    ]);
    expect(cloud.calls.records.filter((c) => WRITES.includes(c.action))).toEqual([]);
  });

  it('a contradictory opt-out (none beside a token) refuses too, without echoing the token', async () => {
    cloud.useFunctionEnv(exampleYaml(), {
      SG_PAIRING_HTTP_TOKEN: 'tok-c8e1-never-echoed',
      SG_PAIRING_HTTP_AUTH: 'none',
    });
    const logs = cloud.captureLogs();
    const r = await call('GET', '/plan');
    expect([r.statusCode, errorOf(r).code]).toEqual([500, 'HttpAuthNotConfigured']);
    expect(r.body + logs.raw()).not.toContain('tok-c8e1-never-echoed');
  });

  it('runs open only with SG_PAIRING_HTTP_AUTH=none', async () => {
    cloud.useFunctionEnv(exampleYaml(), { SG_PAIRING_HTTP_TOKEN: undefined, SG_PAIRING_HTTP_AUTH: 'none' });
    cloud.captureLogs();
    expect((await call('GET', '/plan?pairing=web-pair')).statusCode).toBe(200);
  });
});

describe('one reconcile of everything at a time per instance', () => {
  const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });

  it('a second concurrent POST /reconcile of every pairing is refused 409; the next one after it runs', async () => {
    cloud.useFunctionEnv(exampleYaml(), { SG_PAIRING_HTTP_AUTH: 'none' });
    cloud.captureLogs();

    const [first, second] = await Promise.all([call('POST', '/reconcile', ''), call('POST', '/reconcile', '{}')]);
    const named = await call('POST', '/reconcile', '{"pairings":["web-pair"],"dryRun":true}');
    const after = await call('POST', '/reconcile', '');

    expect(first.statusCode).toBe(200);
    expect([second.statusCode, errorOf(second).code]).toEqual([409, 'ReconcileInProgress']);
    expect(errorOf(second).message).toContain('already running');
    expect(named.statusCode).toBe(200);
    expect(after.statusCode).toBe(200);
    expect(JSON.parse(after.body)).toMatchObject({ mode: 'apply', counts: { rulesAdded: 0 } });
  });
});

describe('at most two verifications at once per instance', () => {
  const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });

  it('a third concurrent POST /verify is refused 429 with Retry-After; later ones run', async () => {
    const c = config(webPairVerifyYaml());
    await run(c, runtimeFor(cloud.emulator), { pairings: ['web-pair'] });
    const retry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
    const deps = {
      auth: { mode: 'none' } as const,
      limits: createInstanceLimits(),
      log: silentLogger,
      reconcile: () => Promise.reject(new Error('not used')),
      verify: ({ pairing }: { pairing: string }) =>
        verifyPairing(
          c,
          pairing,
          { ...cloudAccess(c, runtimeFor(cloud.emulator), retry), log: silentLogger },
          { requireOptIn: true, pollIntervalMs: 10, maxWaitMs: 2000, retry },
        ),
    };
    const request: HttpRequest = {
      method: 'POST',
      path: '/verify',
      query: {},
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"pairing":"web-pair"}'),
    };

    const answers = await Promise.all([1, 2, 3].map(() => handleHttpRequest(request, deps)));
    const later = await handleHttpRequest(request, deps);

    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 429]);
    expect(answers[2].headers['Retry-After']).toBe('10');
    expect(JSON.parse(answers[2].body).error).toMatchObject({ code: 'TooManyVerifications', retryable: true });
    expect(later.statusCode).toBe(200);
  });
});
