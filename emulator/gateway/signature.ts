import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Request signatures as the Alibaba gateways check them: ACS3-HMAC-SHA256 (what the current SDKs
 * send) and the older RPC v1 HMAC-SHA1 query signature (`signatureAlgorithm: 'v2'` clients).
 * Facts §4.3 / §4.4; the golden vectors there are unit-tested.
 */

/** RFC 3986 encoding as the canonical forms want it (`!'()*` escaped, `~` literal). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export interface SignedRequest {
  method: string;
  path: string;
  /** decoded query parameters */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type SignatureFailure = 'IncompleteSignature' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId.NotFound';

/** What a verified request claims besides its key: checked afterwards (token, clock skew, nonce). */
export interface VerifiedCredential {
  accessKeyId: string;
  securityToken?: string;
  /** x-acs-date (ACS3) or Timestamp (v1), as sent */
  date: string;
  nonce: string;
  scheme: 'ACS3-HMAC-SHA256' | 'HMAC-SHA1';
}

export type SignatureCheck =
  ({ ok: true } & VerifiedCredential) | { ok: false; code: SignatureFailure; detail: string };

const AUTH = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/;
const MUST_SIGN = [
  'host',
  'x-acs-action',
  'x-acs-content-sha256',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-version',
];
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function canonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(query[k] ?? '')}`)
    .join('&');
}

export function canonicalRequest(req: SignedRequest, signedHeaders: string[], payloadHash: string): string {
  const headers = signedHeaders.map((h) => `${h}:${headerValue(req.headers, h).trim()}\n`).join('');
  return [req.method, req.path || '/', canonicalQuery(req.query), headers, signedHeaders.join(';'), payloadHash].join(
    '\n',
  );
}

export function signAcs3(canonical: string, secret: string): string {
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}

function sha256Hex(body: Buffer): string {
  return body.length === 0 ? EMPTY_SHA256 : createHash('sha256').update(body).digest('hex');
}

/** Verifies an ACS3-HMAC-SHA256 request; `secretOf` returns undefined for an unknown key. */
export function verifyAcs3(req: SignedRequest, secretOf: (accessKeyId: string) => string | undefined): SignatureCheck {
  const m = AUTH.exec(headerValue(req.headers, 'authorization'));
  if (!m) return { ok: false, code: 'IncompleteSignature', detail: 'missing or malformed Authorization header' };
  const [, accessKeyId, signedList, signature] = m;
  const signed = signedList.split(';');
  const missing = MUST_SIGN.filter((h) => !signed.includes(h));
  if (req.headers['x-acs-security-token'] !== undefined && !signed.includes('x-acs-security-token'))
    missing.push('x-acs-security-token');
  if (missing.length > 0)
    return { ok: false, code: 'IncompleteSignature', detail: `headers not signed: ${missing.join(', ')}` };
  const secret = secretOf(accessKeyId);
  if (secret === undefined)
    return { ok: false, code: 'InvalidAccessKeyId.NotFound', detail: 'Specified access key is not found.' };
  const payloadHash = sha256Hex(req.body);
  if (headerValue(req.headers, 'x-acs-content-sha256') !== payloadHash) {
    return { ok: false, code: 'SignatureDoesNotMatch', detail: 'x-acs-content-sha256 does not match the body' };
  }
  const expected = signAcs3(canonicalRequest(req, signed, payloadHash), secret);
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      detail: 'Specified signature is not matched with our calculation.',
    };
  }
  const token = req.headers['x-acs-security-token'];
  return {
    ok: true,
    accessKeyId,
    securityToken: token === undefined ? undefined : headerValue(req.headers, 'x-acs-security-token'),
    date: headerValue(req.headers, 'x-acs-date'),
    nonce: headerValue(req.headers, 'x-acs-signature-nonce'),
    scheme: 'ACS3-HMAC-SHA256',
  };
}

/** The v1 string to sign: `METHOD&%2F&encode(sorted params without Signature)`. */
export function rpcV1StringToSign(method: string, params: Record<string, string>): string {
  const rest = Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'Signature'));
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(rest))}`;
}

export function signRpcV1(stringToSign: string, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

/** The v1 common parameters: part of the signature, not of the operation. */
export const RPC_V1_COMMON = [
  'Action',
  'Version',
  'Format',
  'Timestamp',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'AccessKeyId',
  'SecurityToken',
  'Signature',
];

/** Verifies an RPC v1 (HMAC-SHA1) request; `params` = query ∪ form body, decoded. */
export function verifyRpcV1(
  method: string,
  params: Record<string, string>,
  secretOf: (accessKeyId: string) => string | undefined,
): SignatureCheck {
  const missing = ['AccessKeyId', 'Signature', 'SignatureNonce', 'Timestamp'].filter((k) => !params[k]);
  if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0')
    missing.push('SignatureMethod=HMAC-SHA1/SignatureVersion=1.0');
  if (missing.length > 0)
    return { ok: false, code: 'IncompleteSignature', detail: `missing or unsupported: ${missing.join(', ')}` };
  const secret = secretOf(params.AccessKeyId);
  if (secret === undefined)
    return { ok: false, code: 'InvalidAccessKeyId.NotFound', detail: 'Specified access key is not found.' };
  const expected = Buffer.from(signRpcV1(rpcV1StringToSign(method, params), secret));
  const given = Buffer.from(params.Signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      detail: 'Specified signature is not matched with our calculation.',
    };
  }
  return {
    ok: true,
    accessKeyId: params.AccessKeyId,
    securityToken: params.SecurityToken,
    date: params.Timestamp,
    nonce: params.SignatureNonce,
    scheme: 'HMAC-SHA1',
  };
}

export interface SigningInput {
  method: string;
  /** host[:port], as the client puts it in the host header */
  host: string;
  path: string;
  query: Record<string, string>;
  /** extra headers to send (and sign when x-acs-* or content-type), e.g. x-acs-action, x-acs-version */
  headers: Record<string, string>;
  body?: Buffer;
  accessKeyId: string;
  secret: string;
  securityToken?: string;
  /** defaults to now, in the SDK's `YYYY-MM-DDThh:mm:ssZ` form */
  date?: string;
  nonce?: string;
}

/** Client-side ACS3 signing, the way the SDK does it: for raw-HTTP tests and tools. Returns all headers. */
export function signAcs3Request(input: SigningInput): Record<string, string> {
  const body = input.body ?? Buffer.alloc(0);
  const headers: Record<string, string> = {
    host: input.host,
    'x-acs-date': input.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': input.nonce ?? createHash('sha256').update(String(Math.random())).digest('hex'),
    'x-acs-content-sha256': sha256Hex(body),
    ...Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v])),
  };
  if (input.securityToken !== undefined) {
    headers['x-acs-accesskey-id'] = input.accessKeyId;
    headers['x-acs-security-token'] = input.securityToken;
  }
  const signed = Object.keys(headers)
    .filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'))
    .sort();
  const canonical = canonicalRequest(
    { method: input.method, path: input.path, query: input.query, headers, body },
    signed,
    headers['x-acs-content-sha256'],
  );
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${input.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signAcs3(canonical, input.secret)}`;
  return headers;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  if (Array.isArray(v)) return [...v].sort().join(',');
  return v ?? '';
}
