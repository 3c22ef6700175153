import fc from 'fast-check';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runInvokeCommand } from '../../cli/invoke-command';
import { startServe, type RunningServe } from '../../cli/serve-command';
import * as httpApi from '../../functions/http-api';
import { handler as instanceEvents } from '../../functions/instance-events';
import { forgetFunctionConfig, forgetFunctionRuntime } from '../../shared/function-host';
import type { EventsResult } from '../../shared/triggers/eventbridge';
import type { RunningEmulator } from '../support/emulator-access';
import { EVENT_FIXTURES, eventJson } from '../support/event-fixtures';
import { cli, emulatorEnv, httpFixture, setEnv } from '../support/faces';
import { fcContext } from '../support/function-calls';
import { mutate, mutationArb, oddKey } from '../support/mutations';
import { examples, exampleConfig, exampleScenario, run, runtimeFor, startWith } from '../support/product';
import { DECLARED_RULES, pairedRules } from '../support/revoked-pairings';

// The faces against the emulator, through the real SDKs: mutated events through the real
// instance-events handler, bad requests over real HTTP, dry runs that must not write, and crafted
// bodies that must not open anything the config does not declare.

const CONFIG_FILE = join(examples, 'pairings.yaml');
const WRITES = new Set([
  'AuthorizeSecurityGroup',
  'RevokeSecurityGroup',
  'CreateSecurityGroup',
  'RunInstances',
  'DeleteInstance',
  'StartInstance',
  'StopInstance',
  'JoinSecurityGroup',
  'LeaveSecurityGroup',
  'TagResources',
  'UntagResources',
  'RunCommand',
]);

let emu: RunningEmulator;
let serve: RunningServe;
let restore: () => void;

/** A fresh example world (converged or not), the handlers pointed at it, and `serve` in this process. */
async function setUp(converged: boolean): Promise<void> {
  emu = await startWith(exampleScenario());
  if (converged) await run(exampleConfig(), runtimeFor(emu));
  emu.emulator.calls.clear();
  emu.emulator.events.clear();
  restore = setEnv({
    ...emulatorEnv(emu.url),
    SG_PAIRING_CONFIG: undefined,
    SG_PAIRING_CONFIG_FILE: CONFIG_FILE,
    SG_PAIRING_HTTP_TOKEN: undefined,
    SG_PAIRING_RETRY_MAX_ATTEMPTS: '1',
  });
  forgetFunctionConfig();
  forgetFunctionRuntime();
  serve = await startServe({ port: 0, configFile: CONFIG_FILE });
}

async function tearDown(): Promise<void> {
  await serve?.close();
  await emu?.close();
  restore?.();
  forgetFunctionConfig();
  forgetFunctionRuntime();
}

const writeCalls = () => emu.emulator.calls.records.filter((c) => WRITES.has(c.action));
/** Every ingress rule of every group, in pairedRules' form (a rule outside the paired groups shows too). */
const allRules = () =>
  [...emu.emulator.world.groups.values()]
    .flatMap((g) =>
      g.rules
        .filter((r) => r.direction === 'ingress')
        .map(
          (r) =>
            `${g.id} <- ${r.ipProtocol} ${r.portRange} ${r.sourceCidrIp || `${r.sourceGroupId}@${r.sourceGroupOwnerId}`} (${r.description})`,
        ),
    )
    .sort();

beforeAll(() => void vi.spyOn(process.stdout, 'write').mockImplementation(() => true)); // the handlers' FC log lines
afterAll(() => vi.restoreAllMocks());

describe('instance-events: 50 mutated events through the real handler', () => {
  beforeAll(() => setUp(true));
  afterAll(tearDown);

  it(
    'each ends Reconciled or NothingInScope, every ignored event with a reason; none throws; nothing is written',
    { timeout: 60_000 },
    async () => {
      const fixtures = EVENT_FIXTURES.map((n) => eventJson<unknown>(n));
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...fixtures),
          fc.array(mutationArb, { maxLength: 3 }),
          async (fixture, mutations) => {
            const result = (await instanceEvents(
              Buffer.from(JSON.stringify(mutate(fixture, mutations)) ?? ''),
              fcContext('sg-pairing-instance-events'),
            )) as EventsResult;
            outcomes.set(result.status, (outcomes.get(result.status) ?? 0) + 1);
            expect(['Reconciled', 'NothingInScope']).toContain(result.status);
            expect(result.ignored.every((i) => i.reason.length > 0 && i.message.length > 0)).toBe(true);
            if (result.status === 'Reconciled')
              expect(result.report).toMatchObject({ ok: true, counts: { failed: 0, rulesAdded: 0 } });
          },
        ),
        { numRuns: 50, seed: 20261129 },
      );
      expect(outcomes.get('Reconciled')).toBeGreaterThan(5);
      expect(outcomes.get('NothingInScope')).toBeGreaterThan(5);
      expect(writeCalls()).toEqual([]);
      expect(pairedRules(emu)).toEqual(DECLARED_RULES);
    },
  );
});

describe('bad requests over real HTTP (sg-pairing serve)', () => {
  beforeAll(() => setUp(false));
  afterAll(tearDown);

  const post = (body: string | Buffer, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    fetch(`${serve.url}/reconcile`, {
      method: 'POST',
      body: typeof body === 'string' ? body : new Uint8Array(body),
      headers,
    });
  const errorCode = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;

  it.each([
    ['malformed JSON', 400, 'MalformedBody', () => post('{"pairings": [')],
    ['a JSON array', 400, 'MalformedBody', () => post('["web-pair"]')],
    ['an unknown field', 400, 'InvalidBody', () => post('{"pairings":["web-pair"],"rules":[{"cidr":"0.0.0.0/0"}]}')],
    [
      'text/plain',
      415,
      'UnsupportedMediaType',
      () => post('{"pairings":["web-pair"]}', { 'Content-Type': 'text/plain' }),
    ],
    ['a 1 MB body', 413, 'PayloadTooLarge', () => post(Buffer.alloc(1_000_000, 0x20))],
    ['a body past the transport limit', 413, 'PayloadTooLarge', () => post(Buffer.alloc(1024 * 1024 + 1, 0x20))],
    ['an unknown path', 404, 'NotFound', () => fetch(`${serve.url}/admin`)],
    ['a wrong method', 405, 'MethodNotAllowed', () => fetch(`${serve.url}/plan`, { method: 'DELETE' })],
    [
      'a query on POST /reconcile',
      400,
      'InvalidQuery',
      () => fetch(`${serve.url}/reconcile?dryRun=false`, { method: 'POST' }),
    ],
    ['an unknown pairing', 404, 'UnknownPairing', () => fetch(`${serve.url}/plan?pairing=ghost`)],
  ] as const)('%s: %i %s', async (_name, status, code, send) => {
    const r = await send();
    expect([r.status, await errorCode(r)]).toEqual([status, code]);
  });

  it('odd bytes in headers, repeated Content-Type, a 20 KB header: a 4xx from the face or Node, never a 5xx', async () => {
    const answers = await Promise.all([
      raw(
        `POST /reconcile HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      ),
      raw(
        Buffer.concat([
          Buffer.from('POST /reconcile HTTP/1.1\r\nHost: x\r\nX-Odd: '),
          Buffer.from([0xff, 0xfe, 0x80]),
          Buffer.from('\r\nContent-Type: application/json\r\nContent-Length: 4\r\nConnection: close\r\n\r\n{"a"'),
        ]),
      ),
      raw(`GET /plan HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`),
      raw(
        `POST /reconcile HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\n{"p\r\n0\r\n\r\n`,
      ),
    ]);
    expect(answers).toEqual([415, 400, 431, 400]); // 431: Node's own limit on header size, before the face
    expect(writeCalls()).toEqual([]);
  });
});

describe('dry run, by every face, writes nothing', () => {
  beforeAll(() => setUp(false));
  afterAll(tearDown);

  it(
    'CLI plan, GET /plan, POST /reconcile {"dryRun": true}, invoke http-api: every pairing Pending, zero write calls',
    { timeout: 30_000 },
    async () => {
      const planned = await cli(['plan', '--config', CONFIG_FILE, '--detailed-exitcode'], emulatorEnv(emu.url));
      const plan = await fetch(`${serve.url}/plan`);
      const dryPost = await fetch(`${serve.url}/reconcile`, {
        method: 'POST',
        body: JSON.stringify({ dryRun: true }),
        headers: { 'Content-Type': 'application/json' },
      });
      const invoked: string[] = [];
      const load = async () => httpApi;
      const invokeExits = [
        await runInvokeCommand(['http-api', '--event', httpFixture('get-plan'), '--config', CONFIG_FILE], {
          out: (t) => void invoked.push(t),
          err: () => undefined,
          log: () => undefined,
          load,
        }),
        await runInvokeCommand(['http-api', '--event', httpFixture('post-reconcile-base64'), '--config', CONFIG_FILE], {
          out: (t) => void invoked.push(t),
          err: () => undefined,
          log: () => undefined,
          load,
        }),
      ];

      expect(planned.code).toBe(2); // changes pending
      expect(planned.stdout).toContain('+');
      const reports = [
        await plan.json(),
        await dryPost.json(),
        ...invoked.map((t) => JSON.parse((JSON.parse(t) as { body: string }).body)),
      ] as { mode: string; pairings: { status: string }[] }[];
      expect([plan.status, dryPost.status, ...invokeExits]).toEqual([200, 200, 0, 0]);
      expect(reports.map((r) => [r.mode, r.pairings.every((p) => p.status === 'Pending')])).toEqual(
        reports.map(() => ['plan', true]),
      );
      expect(emu.emulator.calls.records.length).toBeGreaterThan(0); // they did read the cloud
      expect(writeCalls()).toEqual([]);
      expect(emu.emulator.events.events).toEqual([]);
      expect(allRules()).toEqual([]);
    },
  );
});

describe('crafted bodies cannot make the system add a rule the config does not declare', () => {
  beforeAll(() => setUp(false));
  afterAll(tearDown);

  it(
    'extra fields with rules, CIDRs and group IDs, prototype-pollution keys, huge arrays of names: the rules after are exactly the declared ones',
    { timeout: 60_000 },
    async () => {
      const smuggled = fc.constantFrom<unknown>(
        '0.0.0.0/0',
        { cidr: '0.0.0.0/0', ports: '1/65535', protocol: 'tcp' },
        [{ securityGroup: 'sg-a1', source: 'sg-bp15ed6xe1yxeycg0002' }],
        {
          between: [
            { account: 'a', instance: 'i-a3' },
            { account: 'b', securityGroup: 'sg-bp15ed6xe1yxeycg0002' },
          ],
        },
        { polluted: true },
      );
      const names = fc.array(fc.constantFrom('web-pair', 'app-db', 'i-a3', 'sg-a1', '10.0.0.0/8'), {
        minLength: 1,
        maxLength: 3,
      });
      const body = fc.oneof(
        fc
          .record({ pairings: names, key: oddKey, value: smuggled })
          .map(({ pairings, key, value }) => JSON.stringify({ pairings, [key]: value })),
        fc
          .record({ pairings: names, value: smuggled })
          .map(
            ({ pairings, value }) => `{"pairings":${JSON.stringify(pairings)},"__proto__":${JSON.stringify(value)}}`,
          ),
        fc
          .record({ pairings: names, value: smuggled })
          .map(({ pairings, value }) => JSON.stringify({ pairings, constructor: { prototype: value } })),
        fc
          .tuple(fc.constantFrom(1000, 1001, 10_000), fc.constantFrom('web-pair', 'i-a3'))
          .map(([n, name]) => JSON.stringify({ pairings: Array.from({ length: n }, () => name) })),
        fc
          .tuple(
            fc.record({ pairings: names, dryRun: fc.boolean() }),
            fc.array(mutationArb, { minLength: 1, maxLength: 2 }),
          )
          .map(([b, m]) => JSON.stringify(mutate(b, m)) ?? ''),
      );
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(body, async (text) => {
          const r = await fetch(`${serve.url}/reconcile`, {
            method: 'POST',
            body: text,
            headers: { 'Content-Type': 'application/json' },
          });
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          expect(r.status).toBeLessThan(500);
          expect(allRules().every((rule) => DECLARED_RULES.includes(rule))).toBe(true);
        }),
        { numRuns: 30, seed: 20261129 },
      );
      // refused (400 unknown field or bad name, 404 unknown pairing, 413 too big) and accepted (200: declared names only) bodies all occurred
      expect([...statuses.keys()].sort()).toEqual([200, 400, 404, 413]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      // then the plain request: every declared rule, and nothing else anywhere
      const r = await fetch(`${serve.url}/reconcile`, { method: 'POST' });
      expect(r.status).toBe(200);
      expect(allRules()).toEqual(DECLARED_RULES);
    },
  );
});

/** One raw HTTP/1.1 exchange (bytes a fetch client refuses to send); resolves with the status. */
function raw(request: string | Buffer): Promise<number> {
  const { port } = new URL(serve.url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    socket.on('end', () => done(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', fail);
  });
}
