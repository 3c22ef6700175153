import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler } from '../../functions/http-api';
import { forgetFunctionConfig, forgetFunctionRuntime, type FcContext } from '../../shared/function-host';
import { decodeFcHttpEvent, encodeFcHttpEvent, type FcHttpResponse } from '../../shared/triggers/http';
import type { RunReport } from '../../shared/reconcile';
import type { HttpFixture } from '../support/event-fixtures';
import { httpFixture, setEnv } from '../support/faces';
import { examples, exampleScenario } from '../support/product';
import { HUB_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

const context = (): FcContext => ({
  requestId: `req-${Math.random().toString(36).slice(2)}`,
  credentials: { ...HUB_CREDENTIALS },
  function: { name: 'sg-pairing-http-api' },
});
const fixture = (name: HttpFixture) => readFileSync(httpFixture(name));
const body = (r: FcHttpResponse) => JSON.parse(r.body);

const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });
beforeAll(async () => {
  cloud.setEnv({
    ...cloud.env(),
    SG_PAIRING_CONFIG_FILE: join(examples, 'pairings.yaml'),
    SG_PAIRING_CONFIG: undefined,
    SG_PAIRING_HTTP_TOKEN: undefined,
    SG_PAIRING_HTTP_AUTH: 'none',
  });
  forgetFunctionConfig();
  forgetFunctionRuntime();
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true); // the handler's FC log lines
});
afterEach(() => setEnv({ SG_PAIRING_HTTP_TOKEN: undefined, SG_PAIRING_HTTP_AUTH: 'none' }));
afterAll(() => vi.restoreAllMocks());

describe('the FC 3.0 HTTP-trigger event', () => {
  it('decodes the real sample: method, decoded path, lower-cased headers, the body as bytes', () => {
    const decoded = decodeFcHttpEvent(fixture('invoke-api-sample'));
    expect(decoded).toEqual({
      ok: true,
      requestId: undefined,
      request: expect.objectContaining({
        method: 'POST',
        path: '/2023-03-30/functions/fc3-event-test-http-trigger-Darwin-x86_64/invocations',
        query: {},
        body: Buffer.from('haha'),
      }),
    });
    if (decoded.ok) expect(decoded.request.headers['content-type']).toBe('application/octet-stream');
  });

  it('splits comma-joined query values and decodes a base64 body', () => {
    const plan = decodeFcHttpEvent(fixture('get-plan'));
    const post = decodeFcHttpEvent(fixture('post-reconcile-base64').toString('utf8'));
    expect(plan.ok && plan.request.query).toEqual({ pairing: ['web-pair', 'app-db'] });
    expect(post.ok && JSON.parse(post.request.body.toString())).toEqual({ pairings: ['web-pair'], dryRun: true });
  });

  it('round-trips what serve encodes: repeated headers and parameters comma-joined, binary bodies base64', () => {
    const binary = Buffer.from([0xff, 0x00, 0xfe]);
    const event = encodeFcHttpEvent({
      method: 'post',
      url: '/plan?pairing=a&pairing=b%2Dc',
      headers: [
        ['X-A', '1'],
        ['x-a', '2'],
        ['Host', 'h.example'],
      ],
      body: binary,
      requestId: 'r',
    });
    expect(event).toMatchObject({
      rawPath: '/plan',
      queryParameters: { pairing: 'a,b-c' },
      isBase64Encoded: true,
      headers: { 'X-A': '1', 'x-a': '2' },
    });
    const decoded = decodeFcHttpEvent(Buffer.from(JSON.stringify(event)));
    expect(decoded.ok && decoded.request).toEqual({
      method: 'POST',
      path: '/plan',
      query: { pairing: ['a', 'b-c'] },
      headers: { 'x-a': '1, 2', host: 'h.example' },
      body: binary,
    });
  });
});

describe('the http-api handler (functions/http-api) against the emulator', () => {
  it('answers the real sample event (the FC API invocation path) 404 with the routes it knows', async () => {
    const r = await handler(fixture('invoke-api-sample'), context());
    expect(r).toMatchObject({
      statusCode: 404,
      isBase64Encoded: false,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(body(r).error).toMatchObject({ code: 'NotFound', message: expect.stringContaining('GET /plan') });
  });

  it('refuses the sample 401 when a token is configured: the ACS3 signature in Authorization is not the token', async () => {
    setEnv({ SG_PAIRING_HTTP_TOKEN: 'http-token-for-test', SG_PAIRING_HTTP_AUTH: undefined });
    const r = await handler(fixture('invoke-api-sample'), context());
    expect(r.statusCode).toBe(401);
    expect(r.headers['WWW-Authenticate']).toBe('Bearer realm="sg-pairing"');
  });

  it('GET /plan?pairing=web-pair,app-db returns the dry-run report of those pairings', async () => {
    const r = await handler(fixture('get-plan'), context());
    expect(r.statusCode).toBe(200);
    const report = body(r) as RunReport;
    expect(report).toMatchObject({ mode: 'plan', ok: true, deployment: 'demo' });
    expect(report.pairings.map((p) => [p.name, p.status])).toEqual([
      ['app-db', 'Pending'],
      ['web-pair', 'Pending'],
    ]);
  });

  it('POST /reconcile with a base64 JSON body honours dryRun and writes nothing', async () => {
    const r = await handler(fixture('post-reconcile-base64'), context());
    expect(r.statusCode).toBe(200);
    expect(body(r)).toMatchObject({ mode: 'plan', pairings: [{ name: 'web-pair', status: 'Pending' }] });
    expect(cloud.calls.records.filter((c) => c.action === 'AuthorizeSecurityGroup')).toEqual([]);
  });

  it('answers an event that is not an FC HTTP event 400, never a 5xx', async () => {
    for (const event of [Buffer.from('not json'), Buffer.from('{"rawPath":"/plan"}'), Buffer.from('[]')]) {
      const r = await handler(event, context());
      expect(r.statusCode).toBe(400);
      expect(body(r).error.code).toBe('BadEvent');
    }
  });

  it('answers 500 ConfigInvalid, without a stack, when the deployed config is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-http-'));
    writeFileSync(join(dir, 'bad.yaml'), 'version: 1\nname: x\n');
    const undo = setEnv({ SG_PAIRING_CONFIG_FILE: join(dir, 'bad.yaml') });
    forgetFunctionConfig();
    try {
      const r = await handler(fixture('get-plan'), context());
      expect(r.statusCode).toBe(500);
      expect(body(r).error).toMatchObject({ code: 'ConfigInvalid', retryable: false });
      expect(r.body).not.toMatch(/\n\s+at /);
    } finally {
      undo();
      forgetFunctionConfig();
    }
  });
});
