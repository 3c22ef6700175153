import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { HUB_ACCOUNT_ID, HUB_CREDENTIALS } from '../test/support/identities';

/**
 * Function Compute as the fleet bench needs it: each invocation of a built function runs in a fresh Node
 * process of its own (as FC runs each instance), and InvokeFunction with `x-fc-invocation-type: Async`
 * answers 202 at once and starts the function's process, as FC's async invocation does
 * (https://www.alibabacloud.com/help/en/functioncompute/result-callback). The requests are not
 * authenticated: the emulator (emulator/handlers/fc) checks FC's signature; this stand-in only runs
 * processes, so a bench measures processes, not one event loop shared by every shard.
 */
export interface ProcessRun {
  name: string;
  startedAt: number;
  endedAt: number;
  ms: number;
  ok: boolean;
  /** peak resident set of the process, MB (process.resourceUsage().maxRSS) */
  maxRssMb: number;
  error?: string;
}

/** Runs one handler invocation, reports its outcome and peak RSS on stdout's last line. */
const runner = (bundle: string) => `
const { handler } = require(${JSON.stringify(bundle)});
let event = '';
process.stdin.on('data', (d) => (event += d)).on('end', () => {
  const ctx = JSON.parse(process.env.BENCH_FC_CONTEXT);
  handler(Buffer.from(event), ctx).then(
    () => process.stdout.write('\\nRUN ' + JSON.stringify({ ok: true, maxRssKb: process.resourceUsage().maxRSS }) + '\\n'),
    (e) => process.stdout.write('\\nRUN ' + JSON.stringify({ ok: false, error: String(e && e.code || e), maxRssKb: process.resourceUsage().maxRSS }) + '\\n'));
});`;

/** One invocation of the function built in `dir`, in a fresh process; resolves when it exits. */
export function runFunctionProcess(
  name: string,
  dir: string,
  event: string,
  env: Record<string, string>,
): Promise<ProcessRun> {
  const startedAt = performance.now();
  const context = {
    requestId: `bench-${name}-${Math.random().toString(36).slice(2, 8)}`,
    credentials: HUB_CREDENTIALS,
    function: { name },
    region: 'cn-qingdao',
    accountId: HUB_ACCOUNT_ID,
  };
  // FN_NODE_ARGS adds node flags to every function process, e.g. '--cpu-prof --cpu-prof-dir=/tmp/p' or '--trace-gc'
  const profile = process.env.FN_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...profile, '-e', runner(join(dir, 'index.js'))], {
    cwd: dir,
    env: { PATH: process.env.PATH, ...env, BENCH_FC_CONTEXT: JSON.stringify(context) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  // FN_LOG_DIR=<dir> keeps each function process's whole log there, one file per process
  const logFile = process.env.FN_LOG_DIR ? join(process.env.FN_LOG_DIR, `${context.requestId}.log`) : undefined;
  child.stdout.on('data', (d: Buffer) => {
    if (logFile) appendFileSync(logFile, d);
    out = (out + d.toString()).slice(-4096);
  });
  child.stdin.end(event);
  return new Promise((done) => {
    child.once('exit', () => {
      const endedAt = performance.now();
      const line = /RUN (.*)\n?$/.exec(out)?.[1];
      const r = line ? (JSON.parse(line) as { ok: boolean; error?: string; maxRssKb: number }) : undefined;
      done({
        name,
        startedAt,
        endedAt,
        ms: endedAt - startedAt,
        ok: r?.ok ?? false,
        maxRssMb: (r?.maxRssKb ?? 0) / 1024,
        ...(r?.error ? { error: r.error } : !r ? { error: 'no outcome (the process died)' } : {}),
      });
    });
  });
}

/** FC's InvokeFunction endpoint for the functions in `dirs` (name -> built dir): every async call is a process. */
export async function startFcProcesses(
  dirs: Record<string, string>,
  env: Record<string, string>,
): Promise<{ url: string; runs: Promise<ProcessRun>[]; close(): Promise<void> }> {
  const runs: Promise<ProcessRun>[] = [];
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent(/\/functions\/([^/]+)\/invocations/.exec(req.url ?? '')?.[1] ?? '');
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const dir = dirs[name];
      const requestId = `fc-${runs.length}`;
      if (!dir) {
        res.writeHead(404, { 'content-type': 'application/json', 'x-fc-request-id': requestId });
        return res.end(JSON.stringify({ Code: 'FunctionNotFound', Message: name, RequestId: requestId }));
      }
      runs.push(runFunctionProcess(name, dir, body, env));
      res.writeHead(202, { 'x-fc-request-id': requestId });
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runs,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
