import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** RFC 3986 encoding as the ACS3 canonical form wants it (`!'()*` escaped, `~` literal). */
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

export type SignatureCheck =
  | { ok: true; accessKeyId: string }
  | { ok: false; code: 'IncompleteSignature' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId.NotFound'; detail: string };

const AUTH = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/;
const MUST_SIGN = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

export function canonicalRequest(req: SignedRequest, signedHeaders: string[], payloadHash: string): string {
  const query = Object.keys(req.query)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(req.query[k])}`)
    .join('&');
  const headers = signedHeaders.map((h) => `${h}:${headerValue(req.headers, h).trim()}\n`).join('');
  return [req.method, req.path || '/', query, headers, signedHeaders.join(';'), payloadHash].join('\n');
}

export function signAcs3(canonical: string, secret: string): string {
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}

/** Verifies an ACS3-HMAC-SHA256 request; `secretOf` returns undefined for an unknown key. */
export function verifyAcs3(req: SignedRequest, secretOf: (accessKeyId: string) => string | undefined): SignatureCheck {
  const m = AUTH.exec(headerValue(req.headers, 'authorization'));
  if (!m) return { ok: false, code: 'IncompleteSignature', detail: 'missing or malformed Authorization header' };
  const [, accessKeyId, signedList, signature] = m;
  const signed = signedList.split(';');
  const missing = MUST_SIGN.filter((h) => !signed.includes(h));
  if (req.headers['x-acs-security-token'] !== undefined && !signed.includes('x-acs-security-token')) missing.push('x-acs-security-token');
  if (missing.length > 0) return { ok: false, code: 'IncompleteSignature', detail: `headers not signed: ${missing.join(', ')}` };
  const secret = secretOf(accessKeyId);
  if (secret === undefined) return { ok: false, code: 'InvalidAccessKeyId.NotFound', detail: 'Specified access key is not found.' };
  const payloadHash = createHash('sha256').update(req.body).digest('hex');
  if (headerValue(req.headers, 'x-acs-content-sha256') !== payloadHash) {
    return { ok: false, code: 'SignatureDoesNotMatch', detail: 'x-acs-content-sha256 does not match the body' };
  }
  const expected = signAcs3(canonicalRequest(req, signed, payloadHash), secret);
  const same = timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  return same
    ? { ok: true, accessKeyId }
    : { ok: false, code: 'SignatureDoesNotMatch', detail: 'Specified signature is not matched with our calculation.' };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  if (Array.isArray(v)) return [...v].sort().join(',');
  return v ?? '';
}
