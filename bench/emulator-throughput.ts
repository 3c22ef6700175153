/**
 * Emulator throughput: signed DescribeSecurityGroupAttribute calls through the real ECS SDK from one
 * client process (concurrency 32, ~3 s) against the emulator running in a child process, so client
 * and server each get a core. Run: `npx tsx bench/emulator-throughput.ts` (target >= 2,000 calls/s).
 *
 * Flags: --in-process (server in this process), --duration MS, --concurrency N,
 * --profile-server DIR (write a V8 CPU profile of the child emulator to DIR).
 */
import Ecs, * as $Ecs from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenarioFile, startEmulator, type RunningEmulator } from '../emulator';

const SCENARIO = join(__dirname, '..', 'examples', 'seed-scenario.yaml');
const CREDS = { accessKeyId: 'LTAIexampleA', accessKeySecret: 'example-secret-a' };

export interface ThroughputOptions {
  durationMs?: number;
  concurrency?: number;
  /** run the emulator in this process instead of a child (client and server then share a core) */
  inProcess?: boolean;
  /** write a CPU profile of the child emulator into this directory */
  profileServerDir?: string;
}

export interface ThroughputResult {
  callsPerSecond: number;
  calls: number;
  errors: number;
  durationMs: number;
  concurrency: number;
  server: 'child-process' | 'in-process';
  /** CPU time per call of this (client) process, ms: user + system */
  clientCpuMsPerCall: number;
  /** CPU time per call of the emulator process, ms (child-process mode) */
  serverCpuMsPerCall?: number;
}

/** The headline figure: calls per second. */
export async function measureEmulatorThroughput(options: ThroughputOptions = {}): Promise<number> {
  return (await measureEmulatorThroughputDetailed(options)).callsPerSecond;
}

export async function measureEmulatorThroughputDetailed(options: ThroughputOptions = {}): Promise<ThroughputResult> {
  const durationMs = options.durationMs ?? 3_000;
  const concurrency = options.concurrency ?? 32;
  const server = options.inProcess ? await inProcessServer() : await childServer(options.profileServerDir);
  try {
    const ecs = new Ecs(
      new $OpenApiUtil.Config({
        ...CREDS,
        endpoint: `127.0.0.1:${server.port}`,
        protocol: 'http',
        regionId: 'cn-qingdao',
        readTimeout: 10_000,
        connectTimeout: 5_000,
      }),
    );
    const request = new $Ecs.DescribeSecurityGroupAttributeRequest({
      regionId: 'cn-qingdao',
      securityGroupId: 'sg-a1',
    });
    await drive(ecs, request, concurrency, 500); // warm-up: JIT, keep-alive sockets
    const serverCpu0 = await server.cpuMs();
    const clientCpu0 = process.cpuUsage();
    const started = performance.now();
    const { calls, errors } = await drive(ecs, request, concurrency, durationMs);
    const elapsed = performance.now() - started;
    const clientCpu = process.cpuUsage(clientCpu0);
    const serverCpu = await server.cpuMs();
    const perCall = (ms: number) => Number((ms / Math.max(1, calls)).toFixed(3));
    return {
      callsPerSecond: Math.round(calls / (elapsed / 1000)),
      calls,
      errors,
      durationMs: Math.round(elapsed),
      concurrency,
      server: options.inProcess ? 'in-process' : 'child-process',
      clientCpuMsPerCall: perCall((clientCpu.user + clientCpu.system) / 1000),
      serverCpuMsPerCall:
        serverCpu !== undefined && serverCpu0 !== undefined ? perCall(serverCpu - serverCpu0) : undefined,
    };
  } finally {
    await server.close();
  }
}

async function drive(
  ecs: Ecs,
  request: $Ecs.DescribeSecurityGroupAttributeRequest,
  concurrency: number,
  durationMs: number,
): Promise<{ calls: number; errors: number }> {
  const until = performance.now() + durationMs;
  let calls = 0;
  let errors = 0;
  const runtime = new $dara.RuntimeOptions({});
  const worker = async () => {
    while (performance.now() < until) {
      try {
        await ecs.describeSecurityGroupAttributeWithOptions(request, runtime);
      } catch {
        errors += 1;
      }
      calls += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { calls, errors };
}

interface BenchServer {
  port: number;
  running?: RunningEmulator;
  /** the server process's CPU time so far, ms (undefined in-process: it is this process) */
  cpuMs(): Promise<number | undefined>;
  close(): Promise<void>;
}

async function inProcessServer(): Promise<BenchServer> {
  const running = await startEmulator({ scenario: loadScenarioFile(SCENARIO) });
  return { port: running.port, running, cpuMs: async () => undefined, close: () => running.close() };
}

async function childServer(profileDir?: string): Promise<BenchServer> {
  const execArgv = [
    '-r',
    require.resolve('tsx/cjs'),
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ];
  const child: ChildProcess = fork(__filename, ['--serve'], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('exit', (code) => reject(new Error(`emulator child exited with ${code}`)));
  });
  return {
    port,
    cpuMs: () =>
      new Promise<number>((resolve) => {
        child.once('message', (m) => resolve(Number(m)));
        child.send('cpu');
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Child mode: serve the seed scenario and report the port to the parent. */
async function serve(): Promise<void> {
  const running = await startEmulator({ scenario: loadScenarioFile(SCENARIO), callLogLimit: 1_000 });
  process.send?.(running.port);
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send?.((user + system) / 1000);
  });
  process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'boolean' },
      'in-process': { type: 'boolean' },
      duration: { type: 'string' },
      concurrency: { type: 'string' },
      'profile-server': { type: 'string' },
    },
  });
  if (values.serve) return serve();
  const result = await measureEmulatorThroughputDetailed({
    inProcess: values['in-process'],
    durationMs: values.duration ? Number(values.duration) : undefined,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    profileServerDir: values['profile-server'],
  });
  console.log(JSON.stringify(result));
  console.log(
    `emulator throughput: ${result.callsPerSecond} calls/s (${result.calls} signed DescribeSecurityGroupAttribute calls, ${result.errors} errors, ` +
      `concurrency ${result.concurrency}, server ${result.server}; CPU ms/call: client ${result.clientCpuMsPerCall}, server ${result.serverCpuMsPerCall ?? 'shared'})`,
  );
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
