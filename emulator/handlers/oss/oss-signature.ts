import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The sub-resources an OSS V1 signature covers (OSS "Include a V1 signature in the Authorization header",
 * https://www.alibabacloud.com/help/en/oss/developer-reference/include-signatures-in-the-authorization-header):
 * only these query parameters enter the canonicalized resource; `continuation-token` is signed by ali-oss
 * as a sub-resource too (UNCONFIRMED in the docs' list; emulator/COVERAGE-oss.md).
 */
const SIGNED_SUBRESOURCES = new Set([
  'acl',
  'uploads',
  'location',
  'cors',
  'logging',
  'website',
  'referer',
  'lifecycle',
  'delete',
  'append',
  'tagging',
  'objectMeta',
  'uploadId',
  'partNumber',
  'security-token',
  'position',
  'img',
  'style',
  'styleName',
  'replication',
  'replicationProgress',
  'replicationLocation',
  'cname',
  'bucketInfo',
  'comp',
  'qos',
  'live',
  'status',
  'vod',
  'startTime',
  'endTime',
  'symlink',
  'x-oss-process',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'udf',
  'udfName',
  'udfImage',
  'udfId',
  'udfImageDesc',
  'udfApplication',
  'udfApplicationLog',
  'restore',
  'callback',
  'callback-var',
  'stat',
  'versions',
  'versioning',
  'versionId',
  'continuation-token',
]);

export type OssSignatureCheck =
  | { ok: true; accessKeyId: string; securityToken?: string }
  | {
      ok: false;
      code: 'AccessDenied' | 'InvalidAccessKeyId' | 'SignatureDoesNotMatch';
      message: string;
      stringToSign?: string;
    };

/**
 * Verifies `Authorization: OSS <AccessKeyId>:<Signature>`: Base64(HMAC-SHA1(secret, VERB \n Content-MD5 \n
 * Content-Type \n Date \n CanonicalizedOSSHeaders CanonicalizedResource)), with `x-oss-date` standing for the
 * date when sent. `resource` is `/<bucket>/<key>` (`/<bucket>/` for the bucket itself) as decoded.
 */
export function verifyOssV1(
  method: string,
  headers: IncomingHttpHeaders,
  resource: string,
  query: URLSearchParams,
  secretOf: (accessKeyId: string) => string | undefined,
): OssSignatureCheck {
  const auth = String(headers.authorization ?? '');
  const m = /^OSS ([^:\s]+):(\S+)$/.exec(auth);
  if (m === null)
    return {
      ok: false,
      code: 'AccessDenied',
      message: 'Authorization header is invalid or absent (expected OSS AccessKeyId:Signature).',
    };
  const [, accessKeyId, signature] = m;
  const secret = secretOf(accessKeyId);
  if (secret === undefined)
    return {
      ok: false,
      code: 'InvalidAccessKeyId',
      message: 'The OSS Access Key Id you provided does not exist in our records.',
    };
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(',') : (v ?? '');
  };
  const ossHeaders = Object.keys(headers)
    .filter((k) => k.startsWith('x-oss-'))
    .sort()
    .map((k) => `${k}:${header(k).trim()}`);
  const subresources = [...query.keys()]
    .filter((k) => SIGNED_SUBRESOURCES.has(k))
    .sort()
    .map((k) => (query.get(k) ? `${k}=${query.get(k)}` : k));
  const canonicalResource = subresources.length > 0 ? `${resource}?${subresources.join('&')}` : resource;
  const stringToSign = [
    method.toUpperCase(),
    header('content-md5'),
    header('content-type'),
    header('x-oss-date') || header('date'),
    ...ossHeaders,
    canonicalResource,
  ].join('\n');
  const expected = createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      stringToSign,
    };
  const token = header('x-oss-security-token');
  return { ok: true, accessKeyId, ...(token ? { securityToken: token } : {}) };
}
