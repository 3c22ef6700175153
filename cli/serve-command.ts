/**
 * `sg-pairing serve`: the HTTP face on 127.0.0.1. Each real HTTP request becomes the FC 3.0
 * HTTP-trigger event, goes through the deployed handler (functions/http-api) with an FC-like
 * context, and its response struct becomes the HTTP answer: what runs here is what FC runs.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { handler } from '../functions/http-api';
import { forgetFunctionConfig, forgetFunctionRuntime } from '../shared/function-host';
import { decodeFcHttpResponse, encodeFcHttpEvent } from '../shared/triggers/http';
import {
  errorResponse,
  HTTP_AUTH_VARIABLE,
  HTTP_TOKEN_VARIABLE,
  refuseLocalRequest,
  type HttpResponse,
} from '../shared/http-api';
import { parseFlags } from './common-options';
import { localFcContext, useConfigFile } from './fc-context';
import { untilStopped } from './until-stopped';

const help = `Usage: sg-pairing serve [--port N] [--config FILE]

Serves the HTTP API (GET /healthz, GET /plan, POST /reconcile, POST /verify, GET /status) on 127.0.0.1 through
the same handler FC runs, until Ctrl-C. Prints "listening on http://127.0.0.1:PORT" (and the token
it generated, once), then one JSON log line per request on stdout.

  --port N          port (default 8080; 0 picks a free one)
  -c, --config FILE pairings file (default: SG_PAIRING_CONFIG, else SG_PAIRING_CONFIG_FILE, else pairings.yaml)
  -h, --help        this help

Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN (else the default chain).
A token is required as "Authorization: Bearer <token>" on all but /healthz: SG_PAIRING_HTTP_TOKEN
when set, else a random one generated at start and printed once. SG_PAIRING_HTTP_AUTH=none (with
no token set) serves without one. The Host header must be localhost, 127.0.0.1 or [::1] (else 421)
and a POST must be sent as Content-Type: application/json (else 415).
SG_PAIRING_ECS_ENDPOINT / SG_PAIRING_VPC_ENDPOINT / SG_PAIRING_STS_ENDPOINT point the SDKs elsewhere (e.g. the emulator).`;

/** FC accepts larger bodies than the face does; the face's own 64 KiB limit answers 413 first. */
const TRANSPORT_LIMIT_BYTES = 1024 * 1024;

export interface ServeIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** stops the server when aborted (tests); SIGINT/SIGTERM always do */
  signal?: AbortSignal;
}

const processIo: ServeIo = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };

export interface RunningServe {
  url: string;
  /** the token generated for this server (neither SG_PAIRING_HTTP_TOKEN nor SG_PAIRING_HTTP_AUTH=none was set) */
  generatedToken?: string;
  close(): Promise<void>;
}

const BOUND_HOST = '127.0.0.1';

/**
 * Starts the server (port 0 picks one). `configFile`, when given, is what the handler loads. The
 * handler reads its token from the environment as in FC: without one and without the opt-out, a
 * random token is generated and set there until `close`.
 */
export async function startServe(options: { port: number; configFile?: string }): Promise<RunningServe> {
  useConfigFile(options.configFile && resolve(options.configFile));
  const generatedToken = generateTokenUnlessGiven(process.env);
  forgetFunctionConfig();
  forgetFunctionRuntime();
  const server = createServer((req, res) => {
    serveOne(req, res).catch(() =>
      send(res, 500, Buffer.from(errorResponse(500, { code: 'InternalError', message: 'internal error' }).body), {}),
    );
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, BOUND_HOST, () => done());
  }).catch((err: unknown) => {
    if (generatedToken !== undefined) delete process.env[HTTP_TOKEN_VARIABLE];
    throw err;
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${BOUND_HOST}:${port}`,
    ...(generatedToken === undefined ? {} : { generatedToken }),
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }).finally(() => {
        if (generatedToken !== undefined && process.env[HTTP_TOKEN_VARIABLE] === generatedToken)
          delete process.env[HTTP_TOKEN_VARIABLE];
      }),
  };
}

/** A random token set in `env` when it has none and does not opt out; undefined otherwise. */
function generateTokenUnlessGiven(env: NodeJS.ProcessEnv): string | undefined {
  if (env[HTTP_TOKEN_VARIABLE]?.trim() || env[HTTP_AUTH_VARIABLE]?.trim().toLowerCase() === 'none') return undefined;
  const token = randomBytes(24).toString('base64url');
  env[HTTP_TOKEN_VARIABLE] = token;
  return token;
}

async function serveOne(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (body === undefined) {
    const r = errorResponse(413, {
      code: 'PayloadTooLarge',
      message: `the body exceeds ${TRANSPORT_LIMIT_BYTES} bytes`,
    });
    return send(res, r.statusCode, Buffer.from(r.body), r.headers, true);
  }
  const refused = refuseLocalRequest({ method: req.method ?? 'GET', headers: req.headers as LocalHeaders }, BOUND_HOST);
  if (refused) return sendResponse(res, refused);
  const context = localFcContext('http-api');
  const headers: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  const event = encodeFcHttpEvent({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers,
    body,
    sourceIp: req.socket.remoteAddress,
    requestId: context.requestId ?? randomUUID(),
  });
  const answer = decodeFcHttpResponse(await handler(Buffer.from(JSON.stringify(event)), context));
  send(res, answer.statusCode, answer.body, answer.headers);
}

/** The body, or undefined past the transport limit (the rest is drained, not buffered). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= TRANSPORT_LIMIT_BYTES) chunks.push(c);
    });
    req.on('end', () => done(size > TRANSPORT_LIMIT_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

type LocalHeaders = Record<string, string | undefined>;

function sendResponse(res: ServerResponse, r: HttpResponse): void {
  send(res, r.statusCode, Buffer.from(r.body), r.headers);
}

function send(res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>, close = false): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    ...headers,
    'Content-Length': String(body.length),
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(body);
}

export async function runServeCommand(argv: string[], io: ServeIo = processIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      port: { type: 'string', default: '8080' },
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    { positionals: false },
  );
  if (values.help) return (io.out(help), 0);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    io.err(`sg-pairing serve: --port must be an integer 0..65535, got "${values.port}"`);
    return 1;
  }
  let running: RunningServe;
  try {
    running = await startServe({ port, configFile: values.config });
  } catch (err) {
    io.err(`sg-pairing serve: cannot listen on 127.0.0.1:${port}: ${(err as Error).message}`);
    return 1;
  }
  io.out(`listening on ${running.url}`);
  // printed once, for the user who started it: send it as "Authorization: Bearer <token>"
  if (running.generatedToken !== undefined) io.out(`token ${running.generatedToken}`);
  await untilStopped(io.signal);
  await running.close();
  return 0;
}
