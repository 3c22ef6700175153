import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../shared/errors';
import {
  handleHttpRequest,
  MAX_BODY_BYTES,
  requestAuthorized,
  type HttpRequest,
  type ReconcileRequest,
} from '../../shared/http-api';
import { silentLogger } from '../../shared/log';
import type { RunReport } from '../../shared/reconcile';
import { damageText, mutate, mutationArb, oddKey, textDamageArb } from '../support/mutations';

// 2,000 generated requests through the HTTP face (pure: a stub stands in for the reconcile).
// Bad input always gets its documented 4xx, never a 5xx; the reconcile is asked only for
// declared pairing names, and GET /plan only ever for a dry run.

const RUNS = 2_000;
const DECLARED = ['app-db', 'web-pair'];
const TOKEN = 'fuzz-token-5d1e';
const ONE_MB = Buffer.alloc(1_000_000, 0x20);
const ROUTES: Record<string, string> = { '/healthz': 'GET', '/plan': 'GET', '/reconcile': 'POST' };

const nameArb = fc.oneof(
  { arbitrary: fc.constantFrom(...DECLARED), weight: 4 },
  fc.constantFrom(
    'ghost',
    'Web-Pair',
    'web pair',
    '',
    'a'.repeat(64),
    'web-pair,app-db',
    '💥',
    '__proto__',
    'sg-a1',
    '10.0.0.0/8',
  ),
  fc.string({ maxLength: 10 }),
);
const validBody = fc.record(
  { pairings: fc.array(fc.constantFrom(...DECLARED), { minLength: 1, maxLength: 3 }), dryRun: fc.boolean() },
  { requiredKeys: [] },
);

const bodyArb: fc.Arbitrary<Buffer> = fc.oneof(
  { arbitrary: fc.constant(Buffer.alloc(0)), weight: 2 },
  { arbitrary: validBody.map((b) => Buffer.from(JSON.stringify(b))), weight: 4 },
  {
    arbitrary: fc
      .tuple(validBody, fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
      .map(([b, m]) => Buffer.from(JSON.stringify(mutate(b, m)) ?? '')),
    weight: 4,
  },
  // extra fields that try to smuggle rules, CIDRs, groups, or pollute prototypes
  {
    arbitrary: fc
      .tuple(
        validBody,
        oddKey,
        fc.constantFrom<unknown>('0.0.0.0/0', { cidr: '0.0.0.0/0', ports: '22/22' }, ['sg-a1'], { polluted: true }),
      )
      .map(([b, k, v]) => Buffer.from(JSON.stringify({ ...b, [k]: v }).replace('{', `{"__proto__":{"isAdmin":true},`))),
    weight: 2,
  },
  {
    arbitrary: fc.tuple(validBody, textDamageArb).map(([b, d]) => Buffer.from(damageText(JSON.stringify(b), d))),
    weight: 3,
  },
  {
    arbitrary: fc.array(nameArb, { maxLength: 4 }).map((names) => Buffer.from(JSON.stringify({ pairings: names }))),
    weight: 2,
  },
  {
    arbitrary: fc
      .constantFrom(1000, 1001, 50_000)
      .map((n) => Buffer.from(JSON.stringify({ pairings: Array.from({ length: n }, (_, i) => DECLARED[i % 2]) }))),
    weight: 1,
  },
  { arbitrary: fc.uint8Array({ maxLength: 32 }).map((b) => Buffer.from(b)), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? '')), weight: 1 },
  {
    arbitrary: fc.constantFrom(ONE_MB, Buffer.alloc(MAX_BODY_BYTES, 0x20), Buffer.alloc(MAX_BODY_BYTES + 1, 0x20)),
    weight: 1,
  },
);

const requestArb = fc.record({
  method: fc.constantFrom(
    'GET',
    'GET',
    'POST',
    'POST',
    'PUT',
    'DELETE',
    'PATCH',
    'HEAD',
    'OPTIONS',
    'get',
    '',
    'POST ',
  ),
  path: fc.oneof(
    { arbitrary: fc.constantFrom('/healthz', '/plan', '/reconcile'), weight: 6 },
    fc.constantFrom(
      '/',
      '',
      '/plan/',
      '/PLAN',
      '/reconcile/',
      '/..',
      '/%2e%2e/plan',
      '/__proto__',
      '/constructor',
      '/toString',
      '/hasOwnProperty',
      '/ünï',
      '/plan\u0000',
      `/${'a'.repeat(5000)}`,
    ),
    fc.webPath(),
  ),
  query: fc.dictionary(
    fc.oneof({ arbitrary: fc.constantFrom('pairing'), weight: 4 }, oddKey),
    fc.array(nameArb, { minLength: 1, maxLength: 3 }),
    { maxKeys: 2 },
  ),
  headers: fc.record(
    {
      'content-type': fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'APPLICATION/JSON',
        'application/vnd.api+json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
        '',
        ' ',
        'json',
        '💥',
      ),
      authorization: fc.constantFrom(
        `Bearer ${TOKEN}`,
        `bearer ${TOKEN}`,
        `Bearer ${TOKEN} extra`,
        'Bearer wrong',
        `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}`,
        'Bearer',
        '',
        'ACS3-HMAC-SHA256 Credential=x',
      ),
      'x-sg-pairing-token': fc.constantFrom(TOKEN, ` ${TOKEN} `, 'wrong', '', 'x'.repeat(10_000)),
      'x-odd': fc.string({ unit: 'grapheme', maxLength: 20 }),
    },
    { requiredKeys: [] },
  ),
  body: bodyArb,
  token: fc.option(fc.constant(TOKEN), { nil: undefined }),
});

/** A report for the names asked: enough for the face to answer 200. */
function stubReport(request: ReconcileRequest): RunReport {
  const names = request.pairings ?? DECLARED;
  const unknown = names.filter((n) => !DECLARED.includes(n));
  if (unknown.length > 0)
    throw new UsageError(`unknown pairing "${unknown[0]}"`, { code: 'UnknownPairing', pairing: unknown[0] });
  const pairings = [...new Set(names)].sort().map((name) => ({
    name,
    status: request.dryRun ? ('Pending' as const) : ('Changed' as const),
    counts: { toAdd: 1, added: request.dryRun ? 0 : 1, failed: 0 },
  }));
  return {
    version: 1,
    runId: 'run-fuzz',
    deployment: 'demo',
    mode: request.dryRun ? 'plan' : 'apply',
    ok: true,
    pairings,
    changes: [],
    counts: {
      pairings: pairings.length,
      inSync: 0,
      changed: request.dryRun ? 0 : pairings.length,
      pending: request.dryRun ? pairings.length : 0,
      blocked: 0,
      failed: 0,
      rulesAdded: 0,
      rulesFailed: 0,
    },
    plan: {} as RunReport['plan'],
  };
}

/** The status the order of checks in docs/http-api.md decides before the body is read; undefined past that point. */
function decidedBeforeBody(r: HttpRequest, token: string | undefined): number | undefined {
  const method = Object.hasOwn(ROUTES, r.path) ? ROUTES[r.path] : undefined;
  if (r.path !== '/healthz' && token !== undefined && !requestAuthorized(r.headers, token)) return 401;
  if (method === undefined) return 404;
  if (r.method !== method) return 405;
  if (r.body.length > MAX_BODY_BYTES) return 413;
  if (r.path === '/healthz') return 200;
  const type = r.headers['content-type'];
  const json =
    type === undefined ||
    type.trim() === '' ||
    /^application\/(json|[\w.+-]+\+json)$/.test(type.split(';')[0].trim().toLowerCase());
  if (method === 'POST' && r.body.length > 0 && !json) return 415;
  return undefined;
}

describe(`the HTTP face on ${RUNS.toLocaleString('en')} generated requests`, () => {
  it(
    'answers each with its documented status, never a 5xx; the reconcile sees only declared names',
    { timeout: 60_000 },
    async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(requestArb, async ({ token, ...request }) => {
          const asked: ReconcileRequest[] = [];
          const response = await handleHttpRequest(request, {
            auth: token === undefined ? { mode: 'none' } : { mode: 'token', token },
            log: silentLogger,
            reconcile: async (r) => (asked.push(r), stubReport(r)),
          });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const body = JSON.parse(response.body) as { error?: { code: string }; mode?: string };
          const before = decidedBeforeBody(request, token);
          if (before !== undefined) return response.statusCode === before && asked.length === 0;
          // past the routing checks: a bad body or query is 400; else the reconcile ran (404 for an unknown name)
          if (response.statusCode === 400)
            return (
              asked.length === 0 && ['MalformedBody', 'InvalidBody', 'InvalidQuery'].includes(body.error?.code ?? '')
            );
          if (asked.length !== 1) return false;
          const [r] = asked;
          const namesOk =
            r.pairings === undefined || (r.pairings.length > 0 && r.pairings.every((n) => /^[a-z0-9-]+$/.test(n)));
          const dryRunOk = request.path === '/plan' ? r.dryRun === true : typeof r.dryRun === 'boolean';
          const answerOk =
            response.statusCode === 200 || (response.statusCode === 404 && body.error?.code === 'UnknownPairing');
          return namesOk && dryRunOk && answerOk;
        }),
        { numRuns: RUNS, seed: 20261129 },
      );
      // every documented 4xx and the 200 were reached
      expect([...statuses.keys()].sort()).toEqual([200, 400, 401, 404, 405, 413, 415]);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
  );
});
