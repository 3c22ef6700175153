import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate } from './auth';
import { CallLog } from './call-log';
import type { HandlerTable, RequestContext } from './context';
import { handleControl } from './control';
import { ApiError, apiError } from './errors';
import { EventLog } from './events';
import { Faults } from './faults';
import { ecsHandlers } from './handlers/ecs';
import { FunctionRegistry, handleInvoke, FC_PATH } from './handlers/fc';
import { stsHandlers } from './handlers/sts';
import { World } from './models/world';
import { loadScenario, type Scenario } from './scenario';
import { verifyAcs3 } from './signature';

const services: Record<string, HandlerTable> = {
  '2014-05-26': ecsHandlers,
  '2015-04-01': stsHandlers,
};

export interface EmulatorOptions {
  port?: number;
  host?: string;
  scenario?: Scenario;
  /** receives each event as it is produced (POSTed as JSON) */
  pushUrl?: string;
  /** injectable clock for expiry tests; defaults to Date.now */
  clock?: () => number;
}

/** Everything one running emulator holds; tests reach into it, the product only over HTTP. */
export class Emulator {
  readonly world = new World();
  readonly faults = new Faults();
  readonly calls = new CallLog();
  readonly events: EventLog;
  readonly functions = new FunctionRegistry();
  readonly nonces = new Set<string>();
  clock: () => number;

  constructor(opts: EmulatorOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.events = new EventLog(opts.pushUrl);
    if (opts.scenario) loadScenario(this.world, opts.scenario);
  }

  reset(scenario?: Scenario): void {
    this.world.reset();
    this.faults.clear();
    this.calls.clear();
    this.events.clear();
    this.nonces.clear();
    if (scenario) loadScenario(this.world, scenario);
  }

  async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname.startsWith('/_emulator/')) return handleControl(this, req, res, url, body);
    const requestId = randomUUID().toUpperCase();
    const started = performance.now();
    const query = Object.fromEntries(url.searchParams.entries());
    const fc = FC_PATH.exec(url.pathname);
    const action = fc ? 'InvokeFunction' : String(req.headers['x-acs-action'] ?? query.Action ?? '');
    let account = '';
    let status = 200;
    let code = '';
    try {
      const signature = verifyAcs3({ method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body }, (ak) =>
        this.world.secretOf(ak),
      );
      if (!signature.ok) throw apiError(signature.code, signature.detail);
      const caller = authenticate(this, req.headers, signature.accessKeyId);
      account = caller.account;
      const fault = await this.faults.before(action, account, this.clock());
      if (fault === 'hang') return; // the client's read timeout fires; the socket is left open
      if (fault) throw fault;
      if (fc) {
        const out = await handleInvoke(this, fc[1], req.headers, body, caller, requestId);
        status = out.status;
        send(res, out.status, out.body, { 'x-fc-request-id': requestId, ...out.headers });
        return;
      }
      const table = services[String(req.headers['x-acs-version'] ?? query.Version ?? '')];
      const entry = table?.[action];
      if (!entry) throw apiError('InvalidApi.NotFound');
      const ctx: RequestContext = {
        action,
        caller,
        params: { ...query, ...formBody(req, body) },
        region: this.world.region,
        requestId,
        now: this.clock(),
        world: this.world,
        facts: { referencedResources: {}, stateChanges: [] },
        visibilityDelayMs: this.faults.visibilityDelayMs(account),
      };
      const out = entry.handler(ctx);
      if (entry.write) this.events.recordWrite(ctx, out);
      send(res, 200, { RequestId: requestId, ...out });
    } catch (err) {
      const e = err instanceof ApiError ? err : apiError('InternalError', err instanceof Error ? err.message : String(err));
      status = e.status;
      code = e.code;
      send(res, e.status, { RequestId: requestId, HostId: 'emulator', Code: e.code, Message: e.message, Recommend: '' }, e.headers);
    } finally {
      this.calls.record({ action, account, params: query, status, code, durationMs: performance.now() - started, time: this.clock() });
    }
  }
}

function formBody(req: IncomingMessage, body: Buffer): Record<string, string> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded') || body.length === 0) return {};
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')).entries());
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
  res.end(text);
}

export interface RunningEmulator {
  url: string;
  port: number;
  emulator: Emulator;
  close(): Promise<void>;
}

/** Starts the emulator on loopback; port 0 picks a free port. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new Emulator(opts);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      emulator.handle(req, res, Buffer.concat(chunks)).catch((err) => send(res, 500, { Code: 'InternalError', Message: String(err) }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
