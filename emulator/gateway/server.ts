import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, KeyDirectory } from './auth';
import { CallLog } from './call-log';
import type { HandlerTable, RequestContext } from './context';
import { handleControl } from './control';
import { ApiError, apiError } from './errors';
import { EventLog, type ServiceInfo } from '../events/event-log';
import { Faults } from '../faults/faults';
import { DEFAULT_MAX_CLOCK_SKEW_MS, Freshness } from './freshness';
import { ecsHandlers } from '../handlers/ecs';
import { FC_PATH, FunctionRegistry, handleInvoke } from '../handlers/fc';
import { stsHandlers } from '../handlers/sts';
import { AccessDeniedError, authorizeCall } from '../ram';
import type { Caller } from '../models/world';
import { World } from '../models/world';
import { loadScenario, validScenario, type Scenario, type ScenarioInput } from '../scenario/scenario';
import { RPC_V1_COMMON, verifyAcs3, verifyRpcV1, type SignatureCheck } from './signature';

interface Service {
  table: HandlerTable;
  info: ServiceInfo;
}

const info = (product: string, serviceName: string, apiVersion: string): ServiceInfo => ({
  product,
  serviceName,
  apiVersion,
  eventSource: `${product}.aliyuncs.com`,
});

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** seeds the world; validated (throws ScenarioError); `reset()` returns to it */
  scenario?: ScenarioInput;
  /** receives each event as it is produced (POSTed as JSON) */
  pushUrl?: string;
  /** the cloud's clock (epoch ms): session expiry, rate limits, visibility delays, event times; defaults to Date.now */
  clock?: () => number;
  /**
   * the clock a request's x-acs-date is compared with (the SDK always stamps real time, so moving
   * `clock` to expire a session must not make every request look skewed); defaults to Date.now
   */
  wallClock?: () => number;
  /** allowed |x-acs-date - wallClock|; default 15 min; Infinity turns the check off */
  maxClockSkewMs?: number;
  /** extra handlers per API version, merged over the built-in ones (a test hook) */
  handlers?: Record<string, HandlerTable>;
  /** how many call records to keep (default 50,000) */
  callLogLimit?: number;
}

/** Everything one running emulator holds; tests reach into it, the product only over HTTP. */
export class Emulator {
  readonly world = new World();
  readonly faults = new Faults();
  readonly calls: CallLog;
  readonly events: EventLog;
  readonly functions = new FunctionRegistry();
  readonly keys = new KeyDirectory(this.world);
  readonly freshness: Freshness;
  clock: () => number;
  wallClock: () => number;
  private scenario?: Scenario;
  private readonly services = new Map<string, Service>();
  private readonly hung = new Set<ServerResponse>();

  constructor(opts: EmulatorOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.wallClock = opts.wallClock ?? Date.now;
    this.events = new EventLog(opts.pushUrl);
    this.calls = new CallLog(opts.callLogLimit);
    this.freshness = new Freshness(opts.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS);
    const builtIn: Record<string, Service> = {
      '2014-05-26': { table: ecsHandlers, info: info('ecs', 'Ecs', '2014-05-26') },
      '2015-04-01': { table: stsHandlers, info: info('sts', 'Sts', '2015-04-01') },
    };
    for (const [version, s] of Object.entries(builtIn))
      this.services.set(version, { ...s, table: { ...s.table, ...opts.handlers?.[version] } });
    for (const [version, table] of Object.entries(opts.handlers ?? {})) {
      if (!this.services.has(version)) this.services.set(version, { table, info: info('custom', 'Custom', version) });
    }
    if (opts.scenario) this.reset(opts.scenario);
  }

  /**
   * Back to a clean state: the given scenario (validated), else the last one loaded. Clears
   * sessions, faults, calls, events, nonces and invocation records; function registrations stay.
   */
  reset(scenario?: ScenarioInput | Scenario): void {
    if (scenario) this.scenario = validScenario(scenario);
    this.world.reset();
    this.keys.clear();
    this.faults.clear();
    this.calls.clear();
    this.events.clear();
    this.freshness.clear();
    this.functions.clearInvocations();
    if (this.scenario) loadScenario(this.world, this.scenario, this.clock());
  }

  async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const raw = req.url ?? '/';
    const mark = raw.indexOf('?');
    const pathname = mark < 0 ? raw : raw.slice(0, mark);
    if (pathname.startsWith('/_emulator/')) return handleControl(this, req, res, new URL(raw, 'http://emulator'), body);
    const requestId = randomUUID().toUpperCase();
    const started = performance.now();
    const query: Record<string, string> = mark < 0 ? {} : Object.fromEntries(new URLSearchParams(raw.slice(mark + 1)));
    const fc = FC_PATH.exec(pathname);
    const v1 = req.headers.authorization === undefined && query.Signature !== undefined;
    const all = { ...query, ...formBody(req, body) };
    const params = v1 ? withoutKeys(all, RPC_V1_COMMON) : all;
    const action = fc ? 'InvokeFunction' : String(req.headers['x-acs-action'] ?? all.Action ?? '');
    let caller: Caller | undefined;
    let status = 200;
    let code = '';
    try {
      const check: SignatureCheck = v1
        ? verifyRpcV1(req.method ?? 'POST', all, (ak) => this.keys.secretOf(ak))
        : verifyAcs3({ method: req.method ?? 'GET', path: pathname, query, headers: req.headers, body }, (ak) =>
            this.keys.secretOf(ak),
          );
      if (!check.ok) throw apiError(check.code, check.detail);
      const now = this.clock();
      caller = authenticate(this.world, this.keys, check.accessKeyId, check.securityToken, now);
      this.freshness.check(check.date, check.nonce, this.wallClock());
      const product = fc
        ? 'fc'
        : this.services.get(String(req.headers['x-acs-version'] ?? all.Version ?? ''))?.info.product;
      if (product) authorizeCall(this.world, caller, { service: product, action, params, functionName: fc?.[1] });
      const fault = await this.faults.before(action, caller.account, now);
      if (fault === 'hang') {
        status = 0;
        code = 'InjectedTimeout';
        this.hang(res);
        return;
      }
      if (fault) throw fault;
      if (fc) {
        const out = await handleInvoke(
          { world: this.world, functions: this.functions, now: this.clock() },
          fc[1],
          req.headers,
          body,
          caller,
          requestId,
        );
        status = out.status;
        send(res, out.status, out.body, { 'x-fc-request-id': requestId, ...out.headers });
        return;
      }
      const version = String(req.headers['x-acs-version'] ?? all.Version ?? '');
      const service = this.services.get(version);
      const entry = service?.table[action];
      if (!service || !entry)
        throw apiError(
          'InvalidApi.NotFound',
          `Specified api is not found: ${action || '(no action)'} of version ${version || '(none)'}.`,
        );
      const ctx: RequestContext = {
        action,
        caller,
        params,
        region: this.world.region,
        requestId,
        now: this.clock(),
        world: this.world,
        facts: { referencedResources: {}, stateChanges: [] },
        visibilityDelayMs: this.faults.visibilityDelayMs(action, caller.account),
      };
      const out = entry.handler(ctx);
      if (entry.write)
        this.events.recordWrite(ctx, out, service.info, {
          sourceIp: req.socket.remoteAddress ?? '',
          userAgent: String(req.headers['user-agent'] ?? ''),
        });
      if (entry.write && this.faults.loseResponse(action, caller.account)) {
        code = 'InjectedLostResponse';
        this.hang(res);
        return;
      }
      send(res, 200, { RequestId: requestId, ...out });
    } catch (err) {
      const e =
        err instanceof ApiError
          ? err
          : apiError('InternalError', err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      status = e.status;
      code = e.code;
      const hostId = fc
        ? 'fc.aliyuncs.com'
        : `${this.services.get(String(req.headers['x-acs-version'] ?? ''))?.info.product ?? 'emulator'}.aliyuncs.com`;
      const detail = e instanceof AccessDeniedError ? { AccessDeniedDetail: e.detail } : {};
      send(
        res,
        e.status,
        {
          RequestId: requestId,
          HostId: hostId,
          Code: e.code,
          Message: e.message,
          Recommend: `https://api.aliyun.com/troubleshoot?q=${e.code}`,
          ...detail,
        },
        e.headers,
      );
    } finally {
      this.calls.record({
        requestId,
        action,
        account: caller?.account ?? '',
        accessKeyId: caller?.accessKeyId ?? '',
        params,
        status,
        code,
        durationMs: performance.now() - started,
        time: this.clock(),
      });
    }
  }

  /** Leaves a request unanswered (timeout fault); `releaseHung()` (and close) drop those sockets. */
  private hang(res: ServerResponse): void {
    this.hung.add(res);
    res.on('close', () => this.hung.delete(res));
  }

  releaseHung(): void {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
  }
}

function withoutKeys(o: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

function formBody(req: IncomingMessage, body: Buffer): Record<string, string> {
  if (body.length === 0) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded')) return {};
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
  res.end(payload);
}

export interface RunningEmulator {
  url: string;
  port: number;
  emulator: Emulator;
  /** stops listening and drops every connection, hung ones included */
  close(): Promise<void>;
}

/** Starts the emulator on loopback; port 0 (the default) picks a free port. */
/** RPC calls carry every parameter in the query string: 100 permissions make a ~30 KB request line, past Node's 16 KB default. */
const MAX_REQUEST_HEAD = 1024 * 1024;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new Emulator(opts);
  const server: Server = createServer({ maxHeaderSize: MAX_REQUEST_HEAD }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      emulator.handle(req, res, body).catch((err) => send(res, 500, { Code: 'InternalError', Message: String(err) }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    port,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        emulator.releaseHung();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
