import * as $Ecs from '@alicloud/ecs20140526';
import * as $FC from '@alicloud/fc20230330';
import * as $dara from '@darabonba/typescript';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FunctionContext, RunningEmulator } from '../../emulator';
import { ecsClient, fcClient, sdkError, type Creds } from '../support/clients';
import {
  ACCOUNT_A_ID,
  assume,
  HUB_ACCOUNT_ID,
  HUB_CREDENTIALS,
  roleArnOf,
  SEED,
  startSeeded,
} from '../support/emulator-platform-fixture';

// FC 3.0 InvokeFunction through the real @alicloud/fc20230330 client (ACS3-signed, ROA style).

const invoke = (
  url: string,
  creds: Creds,
  name: string,
  payload: unknown,
  headers: Partial<$FC.InvokeFunctionHeaders> = {},
) =>
  fcClient(url, creds).invokeFunctionWithOptions(
    name,
    new $FC.InvokeFunctionRequest({ body: Readable.from([Buffer.from(JSON.stringify(payload))]) }),
    new $FC.InvokeFunctionHeaders(headers),
    new $dara.RuntimeOptions({}),
  );

async function text(body: Readable | undefined): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of body ?? []) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}

describe('emulator platform: FC 3.0 InvokeFunction', () => {
  let e: RunningEmulator;
  beforeEach(async () => {
    e = await startSeeded();
  });
  afterEach(() => e.close());

  it('Sync: runs the handler with the event Buffer and FC-like context, answers 200 with its JSON', async () => {
    let seen: { event: unknown; context: FunctionContext } | undefined;
    e.emulator.functions.register('echo', async (event, context) => {
      seen = { event: JSON.parse(event.toString()), context };
      context.logger.info('got', 1);
      return { ok: true, got: JSON.parse(event.toString()) };
    });
    const r = await invoke(e.url, HUB_CREDENTIALS, 'echo', { mode: 'sweep' }, { xFcLogType: 'Tail' });
    expect(r.statusCode).toBe(200);
    expect(JSON.parse(await text(r.body))).toEqual({ ok: true, got: { mode: 'sweep' } });
    expect(r.headers!['x-fc-request-id']).toBe(seen!.context.requestId);
    expect(Buffer.from(r.headers!['x-fc-log-result'], 'base64').toString()).toBe('INFO got 1');
    expect(seen!.event).toEqual({ mode: 'sweep' });
    expect(seen!.context).toMatchObject({
      function: { name: 'echo', handler: 'index.handler' },
      region: 'cn-qingdao',
      accountId: HUB_ACCOUNT_ID,
      credentials: undefined,
    });
  });

  it('Sync: returns a Buffer or string result raw', async () => {
    e.emulator.functions.register('raw', async (event) => (event.length > 10 ? Buffer.from([1, 2, 3]) : 'plain'));
    const buf = await invoke(e.url, HUB_CREDENTIALS, 'raw', { long: 'payload' });
    const str = await invoke(e.url, HUB_CREDENTIALS, 'raw', 1);
    const bytes: Buffer[] = [];
    for await (const c of buf.body!) bytes.push(Buffer.from(c));
    expect([...Buffer.concat(bytes)]).toEqual([1, 2, 3]);
    expect(await text(str.body)).toBe('plain');
  });

  it('Sync: a thrown error is 200 with x-fc-error-type UnhandledInvocationError and {errorMessage, errorType}', async () => {
    e.emulator.functions.register('boom', async () => {
      throw new TypeError('no pairings');
    });
    const r = await invoke(e.url, HUB_CREDENTIALS, 'boom', {});
    expect([r.statusCode, r.headers!['x-fc-error-type']]).toEqual([200, 'UnhandledInvocationError']);
    expect(JSON.parse(await text(r.body))).toEqual({ errorMessage: 'no pairings', errorType: 'TypeError' });
  });

  it('Async: answers 202 at once, runs after responding, and settled() awaits it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    e.emulator.functions.register('worker', async (event) => {
      order.push('started');
      await gate;
      if (JSON.parse(event.toString()).fail) throw new Error('bad event');
      order.push('done');
      return 'ok';
    });
    const ok = await invoke(e.url, HUB_CREDENTIALS, 'worker', { fail: false }, { xFcInvocationType: 'Async' });
    const bad = await invoke(e.url, HUB_CREDENTIALS, 'worker', { fail: true }, { xFcInvocationType: 'Async' });
    order.push('answered');
    release();
    const settled = await e.emulator.functions.settled();

    expect([ok.statusCode, bad.statusCode]).toEqual([202, 202]);
    expect(ok.headers!['x-fc-request-id']).toMatch(/^[0-9A-F-]{36}$/);
    expect(order.indexOf('answered')).toBeLessThan(order.indexOf('done'));
    expect(settled.map((i) => [i.name, i.type, i.status, i.error?.errorMessage])).toEqual([
      ['worker', 'Async', 'succeeded', undefined],
      ['worker', 'Async', 'failed', 'bad event'],
    ]);
  });

  it('an unknown function is 404 FunctionNotFound', async () => {
    const err = await sdkError(invoke(e.url, HUB_CREDENTIALS, 'missing', {}));
    expect([err.code, err.statusCode]).toEqual(['FunctionNotFound', 404]);
  });

  it('is signed like any call: a wrong secret is SignatureDoesNotMatch', async () => {
    e.emulator.functions.register('echo', async () => 'x');
    const err = await sdkError(invoke(e.url, { ...HUB_CREDENTIALS, accessKeySecret: 'nope' }, 'echo', {}));
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it("gives a function with a role that role's temporary credentials, usable for AssumeRole chaining", async () => {
    // the hub's function role (trusted by FC) assumes account a's sg-pairing role, as the product does
    const scenario = { ...SEED };
    scenario.accounts = scenario.accounts.map((a) =>
      a.id === HUB_ACCOUNT_ID
        ? { ...a, roles: [{ name: 'sg-pairing-fc-role', trust: [], maxSessionDuration: 3600 }] }
        : a,
    );
    e.emulator.reset(scenario);
    e.emulator.functions.register(
      'pairing',
      async (_event, context) => {
        const c = context.credentials!;
        const inA = await assume(
          e.url,
          { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken },
          { roleArn: roleArnOf(ACCOUNT_A_ID) },
        );
        const r = await ecsClient(e.url, inA).describeSecurityGroups(
          new $Ecs.DescribeSecurityGroupsRequest({ regionId: 'cn-qingdao' }),
        );
        return { principal: context.credentials!.accessKeyId.slice(0, 4), groups: r.body!.totalCount };
      },
      { role: `acs:ram::${HUB_ACCOUNT_ID}:role/sg-pairing-fc-role` },
    );
    const r = await invoke(e.url, HUB_CREDENTIALS, 'pairing', {});
    expect(JSON.parse(await text(r.body))).toEqual({ principal: 'STS.', groups: 3 });
  });

  it('lends a session caller its own credentials when the function has no role', async () => {
    const creds = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID) });
    let got: FunctionContext['credentials'];
    e.emulator.functions.register('plain', async (_event, context) => {
      got = context.credentials;
      return null;
    });
    await invoke(e.url, creds, 'plain', {});
    expect(got).toEqual({
      accessKeyId: creds.accessKeyId,
      accessKeySecret: creds.accessKeySecret,
      securityToken: creds.securityToken,
    });
  });

  it('feels faults like any action', async () => {
    e.emulator.functions.register('echo', async () => 'x');
    e.emulator.faults.set({ action: 'InvokeFunction', failNext: { count: 1, code: 'ServiceUnavailable' } });
    const err = await sdkError(invoke(e.url, HUB_CREDENTIALS, 'echo', {}));
    const ok = await invoke(e.url, HUB_CREDENTIALS, 'echo', {});
    expect([err.code, err.statusCode, ok.statusCode]).toEqual(['ServiceUnavailable', 503, 200]);
  });
});
