import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../../models/world';
import type { Bucket, Sinks } from '../../models/sinks';
import { verifyOssV1 } from './oss-signature';
import { OssError, sendOssError, xmlEscape } from './oss-xml';

/** What the OSS face needs of the emulator (passed in: handlers never import the gateway). */
export interface OssEnv {
  readonly sinks: Sinks;
  readonly now: number;
  secretOf(accessKeyId: string): string | undefined;
  /** the caller of a verified key (throws the gateway's own error for a bad token) */
  callerOf(accessKeyId: string, token: string | undefined): Caller;
  /** RAM on a role session: throws (AccessDenied) when its policy does not allow `oss:<action>` there */
  authorize(caller: Caller, action: string, params: Record<string, string>): void;
  /** the faults of `action` for the caller's account: an error to answer with, or undefined */
  fault(action: string, account: string): Promise<OssError | undefined>;
}

/** Which requests are OSS's: signed `OSS ak:sig` (V1) or `OSS4-HMAC-SHA256` (V4, refused: not what ali-oss sends by default). */
export function isOssRequest(req: IncomingMessage): boolean {
  return /^OSS4?[- ]/.test(String(req.headers.authorization ?? ''));
}

/**
 * OSS PutObject, GetObject and ListObjectsV2, path-style (`/<bucket>/<key>`, ali-oss `sldEnable`) or
 * virtual-hosted (`<bucket>.<host>`), V1-signed; an OSS XML error otherwise. Returns the action and
 * the status for the call log.
 */
export async function handleOss(
  env: OssEnv,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  requestId: string,
): Promise<{ action: string; status: number; code: string; account: string }> {
  const url = new URL(req.url ?? '/', 'http://oss');
  const { bucketName, key } = addressOf(req, url);
  const method = req.method ?? 'GET';
  const action = method === 'PUT' ? 'PutObject' : key === '' ? 'ListObjects' : 'GetObject';
  const host = `${bucketName}.oss-emulator`;
  let account = '';
  try {
    const check = verifyOssV1(method, req.headers, `/${bucketName}/${key}`, url.searchParams, (ak) => env.secretOf(ak));
    if (!check.ok)
      throw new OssError(
        403,
        check.code,
        check.message,
        check.stringToSign ? { StringToSign: check.stringToSign } : {},
      );
    const caller = env.callerOf(check.accessKeyId, check.securityToken);
    account = caller.account;
    const bucket = env.sinks.buckets.get(bucketName);
    if (bucket === undefined)
      throw new OssError(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: bucketName });
    if (bucket.owner !== caller.account)
      throw new OssError(403, 'AccessDenied', 'You have no right to access this object because of bucket acl.');
    try {
      env.authorize(caller, action, { bucket: bucketName, key, prefix: url.searchParams.get('prefix') ?? '' });
    } catch (err) {
      throw new OssError(403, 'AccessDenied', (err as Error).message);
    }
    const fault = await env.fault(action, caller.account);
    if (fault !== undefined) throw fault;
    if (action === 'PutObject') putObject(env, res, bucket, key, body, req, requestId);
    else if (action === 'GetObject') getObject(res, bucket, key, requestId);
    else listObjects(res, bucket, url.searchParams, requestId);
    return { action, status: 200, code: '', account };
  } catch (err) {
    const e = err instanceof OssError ? err : asOssError(err);
    sendOssError(res, e, requestId, host);
    return { action, status: e.status, code: e.code, account };
  }
}

/** A gateway error (bad token, expired session) in OSS's words. */
function asOssError(err: unknown): OssError {
  const e = err as { status?: number; code?: string; message?: string };
  return new OssError(e.status ?? 403, e.code ?? 'AccessDenied', e.message ?? String(err));
}

/**
 * The bucket and key of a request. Path-style (`/<bucket>/<key>`) when the path's first segment is the
 * bucket the Host names or the Host names none (a loopback address): ali-oss with `sldEnable` sends the
 * path-style path together with a virtual-hosted `Host: <bucket>.oss-<region>.aliyuncs.com`. Otherwise
 * virtual-hosted: the bucket from the Host, the whole path as the key.
 */
function addressOf(req: IncomingMessage, url: URL): { bucketName: string; key: string } {
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
  const path = url.pathname.slice(1);
  const slash = path.indexOf('/');
  const first = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
  const rest = slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1));
  const virtual = /^([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\.[a-z]/.exec(host)?.[1];
  if (virtual === undefined || virtual === first) return { bucketName: first, key: rest };
  return { bucketName: virtual, key: decodeURIComponent(path) };
}

function putObject(
  env: OssEnv,
  res: ServerResponse,
  bucket: Bucket,
  key: string,
  body: Buffer,
  req: IncomingMessage,
  requestId: string,
): void {
  const stored = env.sinks.put(
    bucket,
    key,
    body,
    String(req.headers['content-type'] ?? 'application/octet-stream'),
    env.now,
  );
  res.writeHead(200, { etag: stored.etag, 'x-oss-request-id': requestId, 'content-length': 0 });
  res.end();
}

function getObject(res: ServerResponse, bucket: Bucket, key: string, requestId: string): void {
  const o = bucket.objects.get(key);
  if (o === undefined) throw new OssError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
  res.writeHead(200, {
    'content-type': o.contentType,
    'content-length': o.body.length,
    etag: o.etag,
    'last-modified': new Date(o.lastModified).toUTCString(),
    'x-oss-request-id': requestId,
  });
  res.end(o.body);
}

/** ListObjectsV2 (`list-type=2`): keys under `prefix` in key order, `max-keys` (1..1000, default 100) a page, continued by `continuation-token`. */
function listObjects(res: ServerResponse, bucket: Bucket, q: URLSearchParams, requestId: string): void {
  const prefix = q.get('prefix') ?? '';
  const maxKeys = Math.min(1000, Math.max(1, Number(q.get('max-keys') ?? 100) || 100));
  const after = q.get('continuation-token')
    ? Buffer.from(q.get('continuation-token') ?? '', 'base64').toString('utf8')
    : '';
  const keys = [...bucket.objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
  const page = keys.slice(0, maxKeys);
  const truncated = keys.length > maxKeys;
  const contents = page
    .map((k) => {
      const o = bucket.objects.get(k)!;
      return `<Contents><Key>${xmlEscape(k)}</Key><LastModified>${new Date(o.lastModified).toISOString()}</LastModified><ETag>${xmlEscape(o.etag)}</ETag><Type>Normal</Type><Size>${o.body.length}</Size><StorageClass>Standard</StorageClass></Contents>`;
    })
    .join('');
  const next = truncated
    ? `<NextContinuationToken>${Buffer.from(page[page.length - 1]).toString('base64')}</NextContinuationToken>`
    : '';
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>${xmlEscape(bucket.name)}</Name><Prefix>${xmlEscape(prefix)}</Prefix><MaxKeys>${maxKeys}</MaxKeys><KeyCount>${page.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>${next}${contents}</ListBucketResult>`;
  res.writeHead(200, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(xml),
    'x-oss-request-id': requestId,
  });
  res.end(xml);
}
