import { errorResponse, type HttpResponse } from './http-message';

/**
 * What `sg-pairing serve` checks before the HTTP face sees a request, because a browser on the same
 * laptop can reach 127.0.0.1: the Host header must name this machine (a page whose own name
 * resolves to 127.0.0.1, DNS rebinding, sends its own name and is refused 421), and every POST
 * must say it is JSON (a form or a `text/plain` POST, which a page may send without asking, is
 * refused 415, empty bodies included: an empty POST /reconcile reconciles everything).
 */
export const LOCAL_HOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

export function refuseLocalRequest(
  request: { method: string; headers: Readonly<Record<string, string | undefined>> },
  boundHost: string,
): HttpResponse | undefined {
  const host = hostName(request.headers.host);
  const allowed = new Set([...LOCAL_HOST_NAMES, boundHost.includes(':') ? `[${boundHost}]` : boundHost]);
  if (host === undefined || !allowed.has(host)) {
    return errorResponse(421, {
      code: 'UnexpectedHost',
      message: `the Host header must name this machine (${[...allowed].join(', ')}), got ${JSON.stringify((request.headers.host ?? '').slice(0, 100))}`,
    });
  }
  if (request.method.toUpperCase() === 'POST' && !isJsonMedia(request.headers['content-type'])) {
    return errorResponse(415, {
      code: 'UnsupportedMediaType',
      message: `sg-pairing serve takes a POST only with Content-Type: application/json, not ${JSON.stringify((request.headers['content-type'] ?? '(none)').slice(0, 100))}`,
    });
  }
  return undefined;
}

/** The host of a Host header without its port, lower-cased; `[::1]` keeps its brackets. */
function hostName(header: string | undefined): string | undefined {
  const value = header?.trim().toLowerCase();
  if (!value) return undefined;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value);
  return match ? match[1] : undefined;
}

export function isJsonMedia(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const media = contentType.split(';')[0].trim().toLowerCase();
  return media === 'application/json' || /^application\/[\w.+-]+\+json$/.test(media);
}
