import { describe, expect, it } from 'vitest';
import { SgPairingError, TerminalError, UsageError } from '../../shared/errors';
import { silentLogger } from '../../shared/log';
import { handleHttpRequest, presentedTokens, tokenMatches, type HttpRequest } from '../../shared/http-api';
import type { RunReport } from '../../shared/reconcile';
import { cloudErrorCode } from '../../shared/error-codes';

const request = (over: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  path: '/plan',
  query: {},
  headers: {},
  body: Buffer.alloc(0),
  ...over,
});
const failingWith = (thrown: unknown) => ({
  auth: { mode: 'none' } as const,
  log: silentLogger,
  reconcile: async (): Promise<RunReport> => Promise.reject(thrown),
});

describe('the HTTP face maps a thrown failure to a status, never echoing a stack', () => {
  it.each([
    [
      'a retryable failure',
      new SgPairingError('Throttling: slow down (sts:AssumeRole)', { code: cloudErrorCode('Throttling') }),
      503,
      { code: cloudErrorCode('Throttling'), retryable: true },
    ],
    [
      'an unknown pairing',
      new UsageError('unknown pairing "x"', { code: 'UnknownPairing' }),
      404,
      { code: 'UnknownPairing', retryable: false },
    ],
    [
      'a terminal failure',
      new TerminalError('SG_PAIRING_ECS_ENDPOINT: "x" is not a URL', { code: 'EndpointInvalid' }),
      500,
      { code: 'EndpointInvalid', retryable: false },
    ],
    [
      'anything unexpected',
      new TypeError('cannot read properties of undefined (secret-ish detail)'),
      500,
      { code: 'InternalError', message: 'internal error; the function log has the detail' },
    ],
  ])('%s', async (_what, thrown, status, error) => {
    const r = await handleHttpRequest(request(), failingWith(thrown));
    expect(r.statusCode).toBe(status);
    expect(JSON.parse(r.body).error).toMatchObject(error);
    expect(r.body).not.toContain('secret-ish');
    expect(r.body).not.toMatch(/\bat .*\.ts:\d+/);
    if (status === 503) expect(r.headers['Retry-After']).toBe('30');
  });
});

describe('the token check', () => {
  it('reads Bearer from Authorization and the X-Sg-Pairing-Token header', () => {
    expect(presentedTokens({ authorization: 'Bearer abc', 'x-sg-pairing-token': 'def' })).toEqual(['abc', 'def']);
    expect(presentedTokens({ authorization: 'ACS3-HMAC-SHA256 Credential=x' })).toEqual([]);
    expect(presentedTokens({ authorization: 'bearer   abc ' })).toEqual(['abc']);
  });

  it('compares tokens of any length without throwing (digests are equal-length)', () => {
    expect(tokenMatches('t', 't')).toBe(true);
    expect(tokenMatches('t', 'a much longer token')).toBe(false);
    expect(tokenMatches('', 't')).toBe(false);
  });

  it('leaves /healthz open and guards everything else when a token is set', async () => {
    const deps = { ...failingWith(new Error('unused')), auth: { mode: 'token', token: 'tok' } as const };
    expect((await handleHttpRequest(request({ path: '/healthz' }), deps)).statusCode).toBe(200);
    expect((await handleHttpRequest(request({ path: '/plan' }), deps)).statusCode).toBe(401);
    expect(
      (await handleHttpRequest(request({ path: '/plan', headers: { authorization: 'Bearer tok' } }), deps)).statusCode,
    ).toBe(500);
  });
});
