import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { Logger } from '../shared/log';

export interface SlowEndpointTiming {
  /** a request open this long is worth a word */
  readonly afterMs: number;
  /** then again this often while it stays open */
  readonly everyMs: number;
}

const DEFAULT_TIMING: SlowEndpointTiming = { afterMs: 2_000, everyMs: 5_000 };
const CHANNEL = 'http.client.request.start';

/**
 * Says what the CLI is waiting on: an unreachable endpoint is otherwise seconds of silence (the
 * connect and read timeouts, then the retries). Watches this process's outgoing HTTP requests
 * through Node's diagnostics channel (the SDKs' requests included, without touching them) and
 * logs `waiting {endpoint, waitedMs, requests}` for an endpoint with a request open past
 * `afterMs`, then every `everyMs` while one is. Returns the function that stops watching.
 */
export function watchSlowEndpoints(log: Logger, timing: SlowEndpointTiming = DEFAULT_TIMING): () => void {
  const open = new Map<ClientRequest, { endpoint: string; since: number }>();
  const told = new Map<string, number>();
  const onStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    open.set(request, { endpoint: endpointOf(request), since: Date.now() });
    request.once('close', () => open.delete(request));
  };
  const check = () => {
    const now = Date.now();
    for (const [endpoint, { oldest, requests }] of byEndpoint(open.values())) {
      const waitedMs = now - oldest;
      const last = told.get(endpoint);
      if (waitedMs < timing.afterMs || (last !== undefined && now - last < timing.everyMs)) continue;
      told.set(endpoint, now);
      log.info('waiting', { endpoint, waitedMs, requests });
    }
  };
  subscribe(CHANNEL, onStart);
  const timer = setInterval(check, Math.min(500, timing.afterMs)).unref();
  return () => {
    clearInterval(timer);
    unsubscribe(CHANNEL, onStart);
  };
}

function endpointOf(request: ClientRequest): string {
  const host = request.getHeader('host');
  return `${request.protocol}//${typeof host === 'string' ? host : request.host}`;
}

function byEndpoint(requests: Iterable<{ endpoint: string; since: number }>) {
  const out = new Map<string, { oldest: number; requests: number }>();
  for (const r of requests) {
    const seen = out.get(r.endpoint);
    out.set(r.endpoint, { oldest: Math.min(seen?.oldest ?? r.since, r.since), requests: (seen?.requests ?? 0) + 1 });
  }
  return out;
}
