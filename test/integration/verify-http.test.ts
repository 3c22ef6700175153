import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { handler } from '../../functions/http-api';
import { cloudAccess } from '../../shared/explain';
import { forgetFunctionConfig, forgetFunctionRuntime } from '../../shared/function-host';
import { encodeFcHttpEvent } from '../../shared/triggers/http';
import { handleHttpRequest, type HttpApiDeps, type HttpRequest } from '../../shared/http-api';
import { silentLogger } from '../../shared/log';
import { verifyPairing, type VerifyReport } from '../../shared/verify';
import { setEnv } from '../support/faces';
import { config, examples, exampleScenario, run, runtimeFor } from '../support/product';
import { ACCOUNT_A_ID, HUB_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });

const cfg = () =>
  config(`
version: 1
name: demo
region: cn-qingdao
accounts: { a: { id: "${ACCOUNT_A_ID}" } }
pairings:
  - { name: web-pair, verify: true, between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }] }
  - { name: not-opted, between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }] }
`);

/** The HTTP face wired as functions/http-api wires it, with a fast poll (the deployed face polls every 2 s). */
function deps(): HttpApiDeps {
  const c = cfg();
  const retry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
  return {
    auth: { mode: 'none' },
    log: silentLogger,
    reconcile: () => Promise.reject(new Error('not used')),
    verify: ({ pairing }) =>
      verifyPairing(
        c,
        pairing,
        { ...cloudAccess(c, runtimeFor(cloud.emulator), retry), log: silentLogger },
        { requireOptIn: true, pollIntervalMs: 10, maxWaitMs: 2000, retry },
      ),
  };
}

const post = (body: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'POST',
  path: '/verify',
  query: {},
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(body),
  ...extra,
});
const answer = async (request: HttpRequest) => {
  const r = await handleHttpRequest(request, deps());
  return { status: r.statusCode, body: JSON.parse(r.body) };
};

describe('POST /verify on the HTTP face', () => {
  it('answers 200 with the verify report of a pairing that opted in', async () => {
    await run(cfg(), runtimeFor(cloud.emulator), { pairings: ['web-pair'] });

    const r = await answer(post('{"pairing":"web-pair"}'));

    expect(r.status).toBe(200);
    const report = r.body as VerifyReport;
    expect(report).toMatchObject({ pairing: 'web-pair', reachable: true });
    expect(report.directions.map((d) => d.status)).toEqual(['Reachable', 'Reachable']);
  });

  it('refuses 403 a pairing without verify: true, before any probe', async () => {
    const before = cloud.calls.records.length;
    const r = await answer(post('{"pairing":"not-opted"}'));
    expect(r).toEqual({
      status: 403,
      body: { error: { code: 'VerifyNotEnabled', message: expect.stringContaining('verify: true'), retryable: false } },
    });
    expect(cloud.calls.records.length).toBe(before);
  });

  it.each([
    ['an unknown pairing', post('{"pairing":"nope"}'), 404, 'UnknownPairing'],
    ['an empty body', post(''), 400, 'MalformedBody'],
    ['a list of pairings', post('{"pairings":["web-pair"]}'), 400, 'InvalidBody'],
    ['a probe target smuggled in', post('{"pairing":"web-pair","ip":"10.0.0.9"}'), 400, 'InvalidBody'],
    ['a query string', post('{"pairing":"web-pair"}', { query: { pairing: ['web-pair'] } }), 400, 'InvalidQuery'],
    ['a GET', post('', { method: 'GET' }), 405, 'MethodNotAllowed'],
  ])('answers %s %i', async (_what, request, status, code) => {
    const r = await answer(request);
    expect([r.status, r.body.error.code]).toEqual([status, code]);
  });

  it('through the deployed FC handler, a pairing of the example file (no verify: true) is refused 403', async () => {
    const undo = setEnv({
      ...cloud.env(),
      SG_PAIRING_CONFIG_FILE: join(examples, 'pairings.yaml'),
      SG_PAIRING_CONFIG: undefined,
      SG_PAIRING_HTTP_TOKEN: undefined,
      SG_PAIRING_HTTP_AUTH: 'none',
    });
    forgetFunctionConfig();
    forgetFunctionRuntime();
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const event = encodeFcHttpEvent({
        method: 'POST',
        url: '/verify',
        headers: [['Content-Type', 'application/json']],
        body: Buffer.from('{"pairing":"web-pair"}'),
        requestId: 'req-verify',
      });
      const r = await handler(Buffer.from(JSON.stringify(event)), {
        requestId: 'req-verify',
        credentials: { ...HUB_CREDENTIALS },
        function: { name: 'sg-pairing-http-api' },
      });
      expect([r.statusCode, JSON.parse(r.body).error.code]).toEqual([403, 'VerifyNotEnabled']);
    } finally {
      vi.restoreAllMocks();
      undo();
      forgetFunctionConfig();
      forgetFunctionRuntime();
    }
  });
});
