import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runInvokeCommand, type InvokeIo } from '../../cli/invoke-command';
import * as httpApi from '../../functions/http-api';
import { SgPairingError } from '../../shared/errors';
import type { FcContext } from '../../shared/function-host';
import type { FcHttpResponse } from '../../shared/triggers/http';
import type { RunReport } from '../../shared/reconcile';
import { cli, httpFixture } from '../support/faces';
import { examples, exampleScenario } from '../support/product';
import { ACCOUNT_A_ID, HUB_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';
import { cloudErrorCode } from '../../shared/error-codes';

/** In-process io with the handler imported here; the bin's lazy require path runs in the subprocess test. */
function io(load?: InvokeIo['load']) {
  const out: string[] = [];
  const err: string[] = [];
  const log: string[] = [];
  return {
    out,
    err,
    log,
    io: {
      out: (t: string) => void out.push(t),
      err: (l: string) => void err.push(l),
      log: (t: string) => void log.push(t),
      load:
        load ??
        (async (name) => (name === 'http-api' ? httpApi : Promise.reject(new Error(`not loaded here: ${name}`)))),
    } satisfies InvokeIo,
  };
}

const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });
beforeAll(async () => {
  cloud.setEnv({
    ...cloud.env(),
    SG_PAIRING_CONFIG: undefined,
    SG_PAIRING_CONFIG_FILE: undefined,
    SG_PAIRING_HTTP_TOKEN: undefined,
    SG_PAIRING_HTTP_AUTH: 'none',
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true); // the handler's FC log lines
});
afterAll(() => vi.restoreAllMocks());

describe('sg-pairing invoke', () => {
  it('runs the http-api handler from the bin with an event file and prints FC’s response struct', async () => {
    const r = await cli(
      ['invoke', 'http-api', '--event', httpFixture('get-plan'), '--config', join(examples, 'pairings.yaml')],
      cloud.env({ SG_PAIRING_HTTP_AUTH: 'none' }),
    );
    expect(r.code).toBe(0);
    // stdout is the result only; the handler's JSON log lines (FC's log) go to stderr
    const result = JSON.parse(r.stdout) as FcHttpResponse;
    expect(
      r.stderr
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).action),
    ).toContain('http');
    expect(result).toMatchObject({ statusCode: 200, isBase64Encoded: false });
    const report = JSON.parse(result.body) as RunReport;
    expect(report.pairings.map((p) => [p.name, p.status])).toEqual([
      ['app-db', 'Pending'],
      ['web-pair', 'Pending'],
    ]);
    expect(r.stdout + r.stderr).not.toContain(HUB_CREDENTIALS.accessKeySecret);
  });

  it('hands the handler the event bytes and an FC-like context: request id, deployed name, env credentials', async () => {
    let seen: { event: Buffer; context: FcContext } | undefined;
    const t = io(async () => ({
      handler: async (event: Buffer, context: FcContext) => ((seen = { event, context }), { ok: true }),
    }));
    const code = await runInvokeCommand(['sg-pairing-scheduled-reconcile', '--event', httpFixture('get-plan')], t.io);
    expect(code).toBe(0);
    expect(t.out.join('')).toBe('{\n  "ok": true\n}\n');
    expect(seen!.event.equals(readFileSync(httpFixture('get-plan')))).toBe(true);
    expect(seen!.context).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      credentials: {
        accessKeyId: HUB_CREDENTIALS.accessKeyId,
        accessKeySecret: HUB_CREDENTIALS.accessKeySecret,
        securityToken: undefined,
      },
      function: { name: 'sg-pairing-scheduled-reconcile' },
    });
  });

  it('invokes http-api in-process with a base64 POST event (config from --config)', async () => {
    const t = io();
    const code = await runInvokeCommand(
      ['http-api', '-e', httpFixture('post-reconcile-base64'), '-c', join(examples, 'pairings.yaml')],
      t.io,
    );
    expect(t.err).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(t.out.join('')) as FcHttpResponse;
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      mode: 'plan',
      pairings: [{ name: 'web-pair', status: 'Pending' }],
    });
  });

  it('exits 1 with the error code, no stack, when the handler throws', async () => {
    const t = io(async () => ({
      handler: async () =>
        Promise.reject(
          new SgPairingError('Throttling: slow down', { code: cloudErrorCode('Throttling'), account: ACCOUNT_A_ID }),
        ),
    }));
    expect(await runInvokeCommand(['reconcile-worker', '--event', httpFixture('get-plan')], t.io)).toBe(1);
    expect(t.err.join('\n')).toContain('"code":"Throttling"');
    expect(t.err.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('refuses unknown functions, a missing --event, and a module without a handler; answers --help', async () => {
    const unknown = io();
    expect(await runInvokeCommand(['frobnicate', '--event', httpFixture('get-plan')], unknown.io)).toBe(1);
    expect(unknown.err.join('')).toContain('http-api, instance-events, scheduled-reconcile, reconcile-worker');
    const noEvent = io();
    expect(await runInvokeCommand(['http-api'], noEvent.io)).toBe(1);
    expect(noEvent.err.join('')).toContain('--event FILE is required');
    const noHandler = io(async () => ({}));
    expect(await runInvokeCommand(['instance-events', '--event', httpFixture('get-plan')], noHandler.io)).toBe(1);
    expect(noHandler.err.join('')).toContain('does not export handler');
    const help = io();
    expect(await runInvokeCommand(['--help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('sg-pairing invoke <function>');
  });
});
