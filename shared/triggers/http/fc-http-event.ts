import { z } from 'zod';
import type { HttpRequest } from '../../http-api/http-message';
import { parsePayload } from '../../payload';

/**
 * The FC 3.0 HTTP-trigger event (built-in runtimes): the handler receives it as a Buffer holding
 * JSON. The envelope is loose (the platform adds fields over time); what sg-pairing reads is typed.
 * Multi-valued headers and query parameters arrive comma-joined; a binary body arrives base64 with
 * `isBase64Encoded: true`. `rawPath` is URL-encoded, `requestContext.http.path` decoded.
 */
export const FcHttpEventSchema = z.looseObject({
  version: z.string().optional(),
  rawPath: z.string(),
  body: z.string().default(''),
  isBase64Encoded: z.boolean().default(false),
  headers: z.record(z.string(), z.string()).default({}),
  queryParameters: z.record(z.string(), z.string()).default({}),
  requestContext: z.looseObject({
    accountId: z.string().optional(),
    domainName: z.string().optional(),
    domainPrefix: z.string().optional(),
    requestId: z.string().optional(),
    time: z.string().optional(),
    timeEpoch: z.string().optional(),
    http: z.looseObject({
      method: z.string().min(1),
      path: z.string().optional(),
      protocol: z.string().optional(),
      sourceIp: z.string().optional(),
      userAgent: z.string().optional(),
    }),
  }),
});

export type FcHttpEvent = z.input<typeof FcHttpEventSchema>;

export type DecodedHttpEvent = { ok: true; request: HttpRequest; requestId?: string } | { ok: false; message: string };

/** Parses what FC hands the handler (a Buffer, a string, or an already parsed object). */
export function decodeFcHttpEvent(event: unknown): DecodedHttpEvent {
  const parsed = parsePayload(event, {
    schema: FcHttpEventSchema,
    invalid: { code: 'BadEvent', prefix: 'not an FC 3.0 HTTP-trigger event' },
    operation: 'decodeFcHttpEvent',
    malformed: { code: 'BadEvent', message: () => 'the event is not JSON: expected an FC 3.0 HTTP-trigger event' },
  });
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  const e = parsed.value;
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(e.headers)) {
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? v : `${headers[key]}, ${v}`;
  }
  const query: Record<string, string[]> = {};
  for (const [name, v] of Object.entries(e.queryParameters)) query[name] = v.split(',');
  const request: HttpRequest = {
    method: e.requestContext.http.method.toUpperCase(),
    path: e.requestContext.http.path ?? safeDecode(e.rawPath),
    query,
    headers,
    body: e.isBase64Encoded ? Buffer.from(e.body, 'base64') : Buffer.from(e.body, 'utf8'),
  };
  return { ok: true, request, ...(e.requestContext.requestId ? { requestId: e.requestContext.requestId } : {}) };
}

function safeDecode(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

/** A request as the FC front end would encode it (used by `sg-pairing serve` to replay real HTTP). */
export interface IncomingHttp {
  method: string;
  /** the request target, e.g. '/plan?pairing=a&pairing=b' */
  url: string;
  /** header name as sent -> values */
  headers: readonly (readonly [string, string])[];
  body: Buffer;
  sourceIp?: string;
  requestId: string;
  now?: Date;
}

/**
 * Builds the event FC 3.0 would hand the function: repeated headers and parameters comma-joined,
 * a body that is not valid UTF-8 base64-encoded.
 */
export function encodeFcHttpEvent(http: IncomingHttp): FcHttpEvent {
  const url = new URL(http.url, 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of http.headers)
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  const queryParameters: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    queryParameters[name] = queryParameters[name] === undefined ? value : `${queryParameters[name]},${value}`;
  const text = utf8(http.body);
  const now = http.now ?? new Date();
  const host = headerValue(http.headers, 'host') ?? '127.0.0.1';
  return {
    version: 'v1',
    rawPath: url.pathname,
    body: text ?? http.body.toString('base64'),
    isBase64Encoded: text === undefined,
    headers,
    queryParameters,
    requestContext: {
      accountId: '',
      domainName: host,
      domainPrefix: host.split('.')[0],
      requestId: http.requestId,
      time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      timeEpoch: String(now.getTime()),
      http: {
        method: http.method.toUpperCase(),
        path: safeDecode(url.pathname),
        protocol: 'HTTP/1.1',
        sourceIp: http.sourceIp ?? '127.0.0.1',
        userAgent: headerValue(http.headers, 'user-agent') ?? '',
      },
    },
  };
}

function utf8(body: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}

function headerValue(headers: IncomingHttp['headers'], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}
