import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runInvokeCommand } from '../../cli/invoke-command';
import * as httpApi from '../../functions/http-api';
import { cli, httpFixture } from '../support/faces';
import { mutate, mutationArb, oddKey } from '../support/mutations';
import { DECLARED_RULES } from '../support/revoked-pairings';
import { CONFIG_FILE, servedFaces } from '../support/served-faces';
import { useEmulator } from '../support/use-emulator';

// The HTTP faces against the emulator, through the real SDKs: bad requests over real HTTP, dry runs
// that must not write, and crafted bodies that must not open anything the config does not declare
// (mutated events: fuzz-faces-events).

beforeAll(() => void vi.spyOn(process.stdout, 'write').mockImplementation(() => true)); // the handlers' FC log lines
afterAll(() => vi.restoreAllMocks());

describe('bad requests over real HTTP (sg-pairing serve)', () => {
  const cloud = useEmulator({ per: 'suite' });
  const faces = servedFaces(cloud, { converged: false });

  const post = (body: string | Buffer, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    fetch(`${faces.serve.url}/reconcile`, {
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
    ['an unknown path', 404, 'NotFound', () => fetch(`${faces.serve.url}/admin`)],
    ['a wrong method', 405, 'MethodNotAllowed', () => fetch(`${faces.serve.url}/plan`, { method: 'DELETE' })],
    [
      'a query on POST /reconcile',
      400,
      'InvalidQuery',
      () =>
        fetch(`${faces.serve.url}/reconcile?dryRun=false`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
        }),
    ],
    ['an unknown pairing', 404, 'UnknownPairing', () => fetch(`${faces.serve.url}/plan?pairing=ghost`)],
  ] as const)('%s: %i %s', async (_name, status, code, send) => {
    const r = await send();
    expect([r.status, await errorCode(r)]).toEqual([status, code]);
  });

  it('odd bytes in headers, repeated Content-Type, a 20 KB header: a 4xx from the face or Node, never a 5xx', async () => {
    const answers = await Promise.all([
      raw(
        faces.serve.url,
        `POST /reconcile HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      ),
      raw(
        faces.serve.url,
        Buffer.concat([
          Buffer.from('POST /reconcile HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Odd: '),
          Buffer.from([0xff, 0xfe, 0x80]),
          Buffer.from('\r\nContent-Type: application/json\r\nContent-Length: 4\r\nConnection: close\r\n\r\n{"a"'),
        ]),
      ),
      raw(
        faces.serve.url,
        `GET /plan HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
      ),
      raw(
        faces.serve.url,
        `POST /reconcile HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\n{"p\r\n0\r\n\r\n`,
      ),
    ]);
    expect(answers).toEqual([415, 400, 431, 400]); // 431: Node's own limit on header size, before the face
    expect(faces.writeCalls()).toEqual([]);
  });
});

describe('dry run, by every face, writes nothing', () => {
  const cloud = useEmulator({ per: 'suite' });
  const faces = servedFaces(cloud, { converged: false });

  it(
    'CLI plan, GET /plan, POST /reconcile {"dryRun": true}, invoke http-api: every pairing Pending, zero write calls',
    { timeout: 30_000 },
    async () => {
      const planned = await cli(['plan', '--config', CONFIG_FILE, '--detailed-exitcode'], cloud.env());
      const plan = await fetch(`${faces.serve.url}/plan`);
      const dryPost = await fetch(`${faces.serve.url}/reconcile`, {
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
      expect(cloud.calls.records.length).toBeGreaterThan(0); // they did read the cloud
      expect(faces.writeCalls()).toEqual([]);
      expect(cloud.events.events).toEqual([]);
      expect(faces.allRules()).toEqual([]);
    },
  );
});

describe('crafted bodies cannot make the system add a rule the config does not declare', () => {
  const cloud = useEmulator({ per: 'suite' });
  const faces = servedFaces(cloud, { converged: false });

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
          const r = await fetch(`${faces.serve.url}/reconcile`, {
            method: 'POST',
            body: text,
            headers: { 'Content-Type': 'application/json' },
          });
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          expect(r.status).toBeLessThan(500);
          expect(faces.allRules().every((rule) => DECLARED_RULES.includes(rule))).toBe(true);
        }),
        { numRuns: 30, seed: 20261129 },
      );
      // refused (400 unknown field or bad name, 404 unknown pairing, 413 too big) and accepted (200: declared names only) bodies all occurred
      expect([...statuses.keys()].sort()).toEqual([200, 400, 404, 413]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      // then the plain request: every declared rule, and nothing else anywhere
      const r = await fetch(`${faces.serve.url}/reconcile`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(r.status).toBe(200);
      expect(faces.allRules()).toEqual(DECLARED_RULES);
    },
  );
});

/** One raw HTTP/1.1 exchange (bytes a fetch client refuses to send); resolves with the status. */
function raw(url: string, request: string | Buffer): Promise<number> {
  const { port } = new URL(url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    socket.on('end', () => done(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', fail);
  });
}
