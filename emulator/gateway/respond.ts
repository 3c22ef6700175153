import type { ServerResponse } from 'node:http';
import { AccessDeniedError } from '../ram';
import { ApiError, apiError } from '../errors/api-errors';

/** Writes one JSON (or raw) answer, unless the socket is already answered or gone. */
export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
  res.end(payload);
}

/** Anything a call threw, as the API error it answers: a handler bug becomes InternalError naming it. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return apiError('InternalError', err instanceof Error ? `${err.name}: ${err.message}` : String(err));
}

/** The gateway's error body: `{RequestId, HostId, Code, Message, Recommend}`, plus RAM's AccessDeniedDetail. */
export function errorBody(e: ApiError, requestId: string, hostId: string): Record<string, unknown> {
  const detail = e instanceof AccessDeniedError ? { AccessDeniedDetail: e.detail } : {};
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: e.code,
    Message: e.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${e.code}`,
    ...detail,
  };
}
