import type { HttpResponse } from '../../http-api/http-message';

/** The response struct an FC 3.0 HTTP-trigger handler returns. */
export interface FcHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  isBase64Encoded: boolean;
  body: string;
}

export function encodeFcHttpResponse(response: HttpResponse): FcHttpResponse {
  return {
    statusCode: response.statusCode,
    headers: { ...response.headers },
    isBase64Encoded: false,
    body: response.body,
  };
}

/**
 * What the FC front end makes of a handler's return value: the response struct when it has one,
 * else 200 with the value as the body (an object as JSON, a Buffer raw, anything else as a string).
 */
export function decodeFcHttpResponse(result: unknown): {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
} {
  if (isResponseStruct(result)) {
    const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
    const raw = result.body ?? '';
    const body = Buffer.isBuffer(raw)
      ? raw
      : result.isBase64Encoded
        ? Buffer.from(String(raw), 'base64')
        : Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw));
    return { statusCode: result.statusCode, headers, body };
  }
  if (Buffer.isBuffer(result)) return { statusCode: 200, headers: {}, body: result };
  if (result !== null && typeof result === 'object')
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from(JSON.stringify(result)),
    };
  return { statusCode: 200, headers: {}, body: Buffer.from(result === undefined ? '' : String(result)) };
}

function isResponseStruct(
  value: unknown,
): value is { statusCode: number; headers?: Record<string, unknown>; isBase64Encoded?: boolean; body?: unknown } {
  return (
    value !== null && typeof value === 'object' && Number.isInteger((value as { statusCode?: unknown }).statusCode)
  );
}
