import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  canonicalRequest,
  percentEncode,
  rpcV1StringToSign,
  signAcs3,
  signAcs3Request,
  signRpcV1,
  verifyAcs3,
  verifyRpcV1,
} from '../../emulator/gateway/signature';
import { Freshness } from '../../emulator/gateway/freshness';

// Golden vectors, each reproduced with the SDK's own signing function (@alicloud/openapi-core), for the algorithms of
// https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature (ACS3-HMAC-SHA256) and
// https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism (RPC v1 HMAC-SHA1).
const acs3 = {
  secret: 'SECRET',
  query: {
    RegionId: 'cn-hangzhou',
    SecurityGroupId: 'sg-a',
    'Permissions.1.IpProtocol': 'ALL',
    'Permissions.1.PortRange': '-1/-1',
    'Permissions.1.SourceGroupId': 'sg-b',
    'Permissions.1.SourceGroupOwnerId': '1234567890',
    'Permissions.1.NicType': 'intranet',
    'Permissions.1.Description': 'a b+c*~',
  },
  headers: {
    host: 'ecs.cn-hangzhou.aliyuncs.com',
    'x-acs-version': '2014-05-26',
    'x-acs-action': 'AuthorizeSecurityGroup',
    'x-acs-date': '2026-01-01T00:00:00Z',
    'x-acs-signature-nonce': 'nonce-1',
    'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'x-acs-accesskey-id': 'STS.AKID',
    'x-acs-security-token': 'TOKEN',
  },
  canonicalQuery:
    'Permissions.1.Description=a%20b%2Bc%2A~&Permissions.1.IpProtocol=ALL&Permissions.1.NicType=intranet&Permissions.1.PortRange=-1%2F-1&Permissions.1.SourceGroupId=sg-b&Permissions.1.SourceGroupOwnerId=1234567890&RegionId=cn-hangzhou&SecurityGroupId=sg-a',
  signature: '604139271c94c1521cc0d6a34fb3dfe553d3bbeafc32cd5600ab664948e65ee0',
};

// Golden vector of §4.4 (RPC v1 HMAC-SHA1).
const v1 = {
  params: {
    Action: 'AssumeRole',
    Format: 'JSON',
    Version: '2015-04-01',
    Timestamp: '2026-01-01T00:00:00Z',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: 'nonce-1',
    AccessKeyId: 'AKID',
    RoleArn: 'acs:ram::123456789012:role/peer',
    RoleSessionName: 'sgpair',
    DurationSeconds: '3600',
    ExternalId: 'ext-1',
  },
  stringToSign:
    'POST&%2F&AccessKeyId%3DAKID%26Action%3DAssumeRole%26DurationSeconds%3D3600%26ExternalId%3Dext-1%26Format%3DJSON%26RoleArn%3Dacs%253Aram%253A%253A123456789012%253Arole%252Fpeer%26RoleSessionName%3Dsgpair%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dnonce-1%26SignatureVersion%3D1.0%26Timestamp%3D2026-01-01T00%253A00%253A00Z%26Version%3D2015-04-01',
  signature: '6y99XEHfHtigQLtiqb/Tc62GxH8=',
};

const signedHeaders = Object.keys(acs3.headers).sort();
const authorization = (signature: string) =>
  `ACS3-HMAC-SHA256 Credential=STS.AKID,SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
const goldenRequest = (overrides: { query?: Record<string, string>; authorization?: string } = {}) => ({
  method: 'POST',
  path: '/',
  query: overrides.query ?? acs3.query,
  headers: { ...acs3.headers, authorization: overrides.authorization ?? authorization(acs3.signature) },
  body: Buffer.alloc(0),
});

describe('ACS3-HMAC-SHA256 (golden vector)', () => {
  it('builds the canonical query string of the vector', () => {
    expect(canonicalQuery(acs3.query)).toBe(acs3.canonicalQuery);
  });

  it('computes the signature of the vector', () => {
    const req = goldenRequest();
    const canonical = canonicalRequest(req, signedHeaders, acs3.headers['x-acs-content-sha256']);
    expect(canonical.split('\n')[2]).toBe(acs3.canonicalQuery);
    expect(signAcs3(canonical, acs3.secret)).toBe(acs3.signature);
  });

  it('verifies the vector and reports what the request claims', () => {
    expect(verifyAcs3(goldenRequest(), (ak) => (ak === 'STS.AKID' ? acs3.secret : undefined))).toEqual({
      ok: true,
      accessKeyId: 'STS.AKID',
      securityToken: 'TOKEN',
      date: '2026-01-01T00:00:00Z',
      nonce: 'nonce-1',
      scheme: 'ACS3-HMAC-SHA256',
    });
  });

  it.each([
    [
      'a changed query value',
      goldenRequest({ query: { ...acs3.query, 'Permissions.1.PortRange': '22/22' } }),
      'SignatureDoesNotMatch',
    ],
    ['an added query parameter', goldenRequest({ query: { ...acs3.query, Extra: '1' } }), 'SignatureDoesNotMatch'],
    ['a wrong signature', goldenRequest({ authorization: authorization('0'.repeat(64)) }), 'SignatureDoesNotMatch'],
    ['no Authorization header', { ...goldenRequest(), headers: { ...acs3.headers } }, 'IncompleteSignature'],
    [
      'an unsigned x-acs-date',
      goldenRequest({ authorization: authorization(acs3.signature).replace('x-acs-date;', '') }),
      'IncompleteSignature',
    ],
  ])('refuses %s', (_name, req, code) => {
    const r = verifyAcs3(req, () => acs3.secret);
    expect(r.ok ? 'ok' : r.code).toBe(code);
  });

  it('refuses the vector under another secret, and an unknown key', () => {
    const wrong = verifyAcs3(goldenRequest(), () => 'OTHER');
    const unknown = verifyAcs3(goldenRequest(), () => undefined);
    expect([wrong.ok ? 'ok' : wrong.code, unknown.ok ? 'ok' : unknown.code]).toEqual([
      'SignatureDoesNotMatch',
      'InvalidAccessKeyId.NotFound',
    ]);
  });

  it('refuses a body that does not match x-acs-content-sha256', () => {
    const r = verifyAcs3({ ...goldenRequest(), body: Buffer.from('{}') }, () => acs3.secret);
    expect(r.ok ? 'ok' : r.code).toBe('SignatureDoesNotMatch');
  });

  it('signs client-side so that the verifier accepts it (the helper raw-HTTP tests use)', () => {
    const headers = signAcs3Request({
      method: 'POST',
      host: '127.0.0.1:1',
      path: '/',
      query: { RegionId: 'cn-qingdao', Name: "it's (a) *test*!" },
      headers: { 'x-acs-action': 'DescribeRegions', 'x-acs-version': '2014-05-26' },
      accessKeyId: 'AK',
      secret: 'S',
      securityToken: 'T',
    });
    const r = verifyAcs3(
      {
        method: 'POST',
        path: '/',
        query: { RegionId: 'cn-qingdao', Name: "it's (a) *test*!" },
        headers,
        body: Buffer.alloc(0),
      },
      () => 'S',
    );
    expect(r.ok).toBe(true);
  });

  it("percent-encodes RFC 3986 style: !'()* escaped, ~ kept, space as %20", () => {
    expect(percentEncode("a b!'()*~/+")).toBe('a%20b%21%27%28%29%2A~%2F%2B');
  });
});

describe('RPC v1 HMAC-SHA1 (golden vector)', () => {
  it('computes the string to sign and the signature of the vector', () => {
    const sts = rpcV1StringToSign('POST', v1.params);
    expect(sts).toBe(v1.stringToSign);
    expect(signRpcV1(sts, 'SECRET')).toBe(v1.signature);
  });

  it('verifies the vector and refuses it tampered', () => {
    const ok = verifyRpcV1('POST', { ...v1.params, Signature: v1.signature }, () => 'SECRET');
    const tampered = verifyRpcV1(
      'POST',
      { ...v1.params, RoleSessionName: 'other', Signature: v1.signature },
      () => 'SECRET',
    );
    expect([ok.ok, tampered.ok ? 'ok' : tampered.code]).toEqual([true, 'SignatureDoesNotMatch']);
  });
});

describe('Freshness (timestamp window and nonce memory)', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');

  it('accepts a fresh nonce once and refuses its replay', () => {
    const f = new Freshness();
    f.check('2026-01-01T00:00:00Z', 'n1', t0);
    expect(() => f.check('2026-01-01T00:00:00Z', 'n1', t0 + 1000)).toThrow(
      expect.objectContaining({ code: 'SignatureNonceUsed' }),
    );
  });

  it('refuses a timestamp more than 15 minutes off, either way, and a malformed one', () => {
    const f = new Freshness();
    const codeOf = (date: string, now: number) => {
      try {
        f.check(date, `n-${date}-${now}`, now);
        return 'ok';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect([
      codeOf('2026-01-01T00:00:00Z', t0 + 15 * 60_000),
      codeOf('2026-01-01T00:00:00Z', t0 + 15 * 60_000 + 1000),
      codeOf('2026-01-01T00:16:00Z', t0),
      codeOf('yesterday', t0),
    ]).toEqual(['ok', 'InvalidTimeStamp.Expired', 'InvalidTimeStamp.Expired', 'InvalidTimeStamp.Format']);
  });

  it('keeps bounded memory: forgets nonces older than the window and caps the count', () => {
    const f = new Freshness(60_000, 100);
    for (let i = 0; i < 500; i++) f.check('2026-01-01T00:00:00Z', `n${i}`, t0);
    expect(f.size).toBe(100);
    f.check('2026-01-01T00:01:30Z', 'late', t0 + 90_000);
    expect(f.size).toBe(1);
  });
});
