import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventLog, type EventDelivery } from '../events/event-log';
import { CallGates } from '../faults/call-gates';
import { Faults } from '../faults/faults';
import { FunctionRegistry, handleInvoke } from '../handlers/fc';
import type { Caller } from '../models/world';
import { World } from '../models/world';
import { authorizeCall } from '../ram';
import { validScenario, type Scenario, type ScenarioInput } from '../scenario/scenario';
import { loadScenario } from '../scenario/seed-world';
import { readApiCall, type ApiCall } from './api-call';
import { authenticate, KeyDirectory } from './auth';
import { isOssRequest } from '../handlers/oss';
import { serveOss } from './oss-gateway';
import { CallLog } from './call-log';
import type { HandlerTable, RequestContext } from '../models/context';
import { handleControl } from './control';
import { apiError } from '../errors/api-errors';
import { DEFAULT_MAX_CLOCK_SKEW_MS, Freshness } from './freshness';
import { asApiError, errorBody, send } from './respond';
import { servicesByVersion, type Service } from './services';
import { verifyAcs3, verifyRpcV1, type SignatureCheck } from './signature';

/** What the call log keeps of an answer: the HTTP status (0 = left hanging) and the error code ('' = none). */
interface Answer {
  status: number;
  code: string;
}

/** One API call in flight: what was read off the wire, the service its version names, the socket to answer. */
interface Exchange {
  call: ApiCall;
  service: Service | undefined;
  req: IncomingMessage;
  res: ServerResponse;
  body: Buffer;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** seeds the world; validated (throws ScenarioError); `reset()` returns to it */
  scenario?: ScenarioInput;
  /** receives each event as it is produced (POSTed as JSON) */
  pushUrl?: string;
  /** how events are delivered: routed to a hub account's bus, the state change's shape (COVERAGE.md) */
  eventDelivery?: Partial<EventDelivery>;
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
  /** a test hook: hold calls of an action until released (interleaving without sleeps) */
  readonly gates = new CallGates();
  readonly calls: CallLog;
  readonly events: EventLog;
  readonly functions = new FunctionRegistry();
  readonly keys = new KeyDirectory(this.world);
  readonly freshness: Freshness;
  clock: () => number;
  wallClock: () => number;
  private scenario?: Scenario;
  private readonly services: Map<string, Service>;
  private readonly hung = new Set<ServerResponse>();

  constructor(opts: EmulatorOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.wallClock = opts.wallClock ?? Date.now;
    this.events = new EventLog(opts.pushUrl, undefined, opts.eventDelivery);
    this.calls = new CallLog(opts.callLogLimit);
    this.freshness = new Freshness(opts.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS);
    this.services = servicesByVersion(opts.handlers);
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
    this.gates.releaseAll();
    this.calls.clear();
    this.events.clear();
    this.freshness.clear();
    this.functions.clearInvocations();
    if (this.scenario) loadScenario(this.world, this.scenario, this.clock());
  }

  /**
   * One request: control API, or an API call taken through the gateway's steps — read, authenticate,
   * authorize, inject faults, handle, answer — and recorded in the call log whatever the outcome.
   */
  async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const raw = req.url ?? '/';
    if (raw.startsWith('/_emulator/')) return handleControl(this, req, res, new URL(raw, 'http://emulator'), body);
    if (isOssRequest(req)) return serveOss(this, req, res, body);
    const started = performance.now();
    const call = readApiCall(req, body);
    const service = call.functionName === undefined ? this.services.get(call.version) : undefined;
    const exchange: Exchange = { call, service, req, res, body };
    let caller: Caller | undefined;
    let answer: Answer = { status: 200, code: '' };
    try {
      const now = this.clock();
      caller = this.authenticate(exchange, now);
      answer = await this.serve(exchange, caller, now);
    } catch (err) {
      answer = this.answerError(exchange, err);
    } finally {
      this.calls.record({
        requestId: call.requestId,
        action: call.action,
        account: caller?.account ?? '',
        accessKeyId: caller?.accessKeyId ?? '',
        params: call.params,
        status: answer.status,
        code: answer.code,
        durationMs: performance.now() - started,
        time: this.clock(),
      });
    }
  }

  /** Signature (ACS3 or v1), then the key's caller, then timestamp and nonce freshness. */
  private authenticate({ call, req, body }: Exchange, now: number): Caller {
    const secretOf = (ak: string) => this.keys.secretOf(ak);
    const check: SignatureCheck = call.v1
      ? verifyRpcV1(req.method ?? 'POST', call.signed, secretOf)
      : verifyAcs3(
          { method: req.method ?? 'GET', path: call.pathname, query: call.query, headers: req.headers, body },
          secretOf,
        );
    if (!check.ok) throw apiError(check.code, check.detail);
    const caller = authenticate(this.world, this.keys, check.accessKeyId, check.securityToken, now);
    this.freshness.check(check.date, check.nonce, this.wallClock());
    return caller;
  }

  /** An authenticated call: RAM, then faults, then FC's invoke or the RPC handler. */
  private async serve(x: Exchange, caller: Caller, now: number): Promise<Answer> {
    const { action, params, functionName } = x.call;
    const product = functionName !== undefined ? 'fc' : x.service?.info.product;
    if (product) authorizeCall(this.world, caller, { service: product, action, params, functionName });
    await this.gates.pass(action);
    const fault = await this.faults.before(action, caller.account, now);
    if (fault === 'hang') return this.hang(x.res, { status: 0, code: 'InjectedTimeout' });
    if (fault)
      throw product === 'eventbridge' && fault.code.startsWith('Throttling') ? apiError('TooManyRequests') : fault;
    if (functionName !== undefined) return this.invokeFunction(x, functionName, caller);
    return this.callHandler(x, caller);
  }

  private async invokeFunction({ call, req, res, body }: Exchange, name: string, caller: Caller): Promise<Answer> {
    const env = { world: this.world, functions: this.functions, now: this.clock() };
    const out = await handleInvoke(env, name, req.headers, body, caller, call.requestId);
    send(res, out.status, out.body, { 'x-fc-request-id': call.requestId, ...out.headers });
    return { status: out.status, code: '' };
  }

  /** The RPC handler of the call's version and action; a write also produces its events. */
  private callHandler({ call, service, req, res }: Exchange, caller: Caller): Answer {
    const { action, version } = call;
    const entry = service?.table[action];
    if (!service || !entry)
      throw apiError(
        'InvalidApi.NotFound',
        `Specified api is not found: ${action || '(no action)'} of version ${version || '(none)'}.`,
      );
    const ctx: RequestContext = {
      action,
      caller,
      params: call.params,
      region: this.world.region,
      requestId: call.requestId,
      now: this.clock(),
      world: this.world,
      facts: { referencedResources: {}, stateChanges: [] },
      visibilityDelayMs: this.faults.visibilityDelayMs(action, caller.account),
    };
    const out = entry.handler(ctx);
    if (entry.write) {
      const origin = { sourceIp: req.socket.remoteAddress ?? '', userAgent: String(req.headers['user-agent'] ?? '') };
      this.events.recordWrite(ctx, out, service.info, origin);
      if (this.faults.loseResponse(action, caller.account))
        return this.hang(res, { status: 200, code: 'InjectedLostResponse' });
    }
    send(res, 200, { RequestId: call.requestId, ...out });
    return { status: 200, code: '' };
  }

  private answerError({ call, service, res }: Exchange, err: unknown): Answer {
    const e = asApiError(err);
    const host = call.functionName !== undefined ? 'fc' : (service?.info.product ?? 'emulator');
    send(res, e.status, errorBody(e, call.requestId, `${host}.aliyuncs.com`), e.headers);
    return { status: e.status, code: e.code };
  }

  /** Leaves a request unanswered (timeout fault); `releaseHung()` (and close) drop those sockets. */
  private hang(res: ServerResponse, answer: Answer): Answer {
    this.hung.add(res);
    res.on('close', () => this.hung.delete(res));
    return answer;
  }

  releaseHung(): void {
    this.gates.releaseAll();
    for (const res of this.hung) res.destroy();
    this.hung.clear();
  }
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
    // a backlog for a fleet's worth of clients connecting at once: Node's default 511 overflows when fifty
    // fan-out workers open their sockets together, and a connect refused by the kernel is retried seconds later
    server.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1', backlog: 4096 }, () => resolve());
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
