/**
 * The organization-scale sweep through the fan-out (issue 17): a fleet of `accounts` member accounts and
 * `pairings` pairings (test/support/fleet.ts: group pairs in one shared VPC, address pairs), swept by the
 * built scheduled-reconcile bundle in a process of its own, fanning out to reconcile-worker shards that FC
 * runs as separate processes (bench/fc-processes.ts), against the emulator in its own process at 50 ms per
 * call, 20 calls/s per member account (ECS) and 100 AssumeRole/s for the hub (STS's documented quota:
 * https://help.aliyun.com/zh/ram/developer-reference/api-sts-2015-04-01-quota, 100/s per region, API and
 * parent account). Run: `npm run bench:fleet -- --accounts 1000 --pairings 10000 --shard 20`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildFunctions } from '../scripts/build';
import { buildFleet } from '../test/support/fleet';
import { parseYaml } from './bench-support';
import { startEmulatorProcess } from './emulator-process';
import { runFunctionProcess, startFcProcesses, type ProcessRun } from './fc-processes';

export const LATENCY_MS = 50;
export const ECS_PER_SECOND = 20;
export const STS_PER_SECOND = 100;
/** the shortest chain of round trips of one pairing: AssumeRole, the reads, the writes (authorize, tag) */
const CHAIN_ROUND_TRIPS = 4;
const TIMER = 'sg-pairing-scheduled-reconcile';
const WORKER = 'sg-pairing-reconcile-worker';

export interface FleetRow {
  /** when measured (ISO), and the time dilation: latency x K, rates / K (1 = real time) */
  date: string;
  dilation: number;
  /** share of the host's CPU time busy during the sweep: near 1, the host's CPU (not the cloud) bound it */
  hostCpuBusy: number;
  accounts: number;
  pairings: number;
  shardAccounts: number;
  shards: number;
  wallMs: number;
  lowerBoundMs: number;
  ratio: number;
  /** the same bound counting the buckets' first burst as free (ECS 20 per account, STS 100): the tighter one */
  burstBoundMs: number;
  burstRatio: number;
  apiCalls: number;
  minimumCalls: number;
  callsRatio: number;
  assumeRoles: number;
  throttled: number;
  busiestCalls: number;
  timer: { ms: number; maxRssMb: number; ok: boolean };
  workers: { failed: number; errors: string[]; maxMs: number; medianMs: number; maxRssMb: number };
  /** calls answered (not throttled), by action */
  callsByAction: Record<string, number>;
  /** calls refused or failed, by action and error code */
  refusedByCode: Record<string, number>;
  /** the worker's FC timeout (s.yaml) and the slowest shard's share of it (durations divided by the dilation) */
  workerTimeoutS: number;
  timeoutShare: number;
  /** the most accounts a shard may take so that, at the measured time per account, it uses half its timeout */
  shardAccountsForHalfTimeout: number;
  /** GB-seconds of one sweep: every process's measured duration x its configured memory (s.yaml) */
  gbSeconds: number;
  memoryMb: { timer: number; worker: number };
}

interface CallSeen {
  action: string;
  account: string;
  code: string;
}

/** memorySize and timeout of a function in s.yaml */
function deployed(functionName: string): { memoryMb: number; timeoutS: number } {
  const s = parseYaml(readFileSync(resolve(__dirname, '..', 's.yaml'), 'utf8')) as {
    resources: Record<string, { props: { functionName: string; memorySize: number; timeout: number } }>;
  };
  const f = Object.values(s.resources).find((r) => r.props.functionName === functionName);
  if (!f) throw new Error(`s.yaml has no ${functionName}`);
  return { memoryMb: f.props.memorySize, timeoutS: f.props.timeout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function measureFleet(
  accounts: number,
  pairings: number,
  shardAccounts: number,
  dilation = 1,
): Promise<FleetRow> {
  const latencyMs = LATENCY_MS * dilation;
  const fleet = buildFleet({ pairings, accounts });
  const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-fleet-'));
  writeFileSync(join(dir, 'pairings.yaml'), fleet.configYaml);
  const dist = join(dir, 'dist');
  await buildFunctions({
    outDir: dist,
    pairings: join(dir, 'pairings.yaml'),
    only: ['scheduled-reconcile', 'reconcile-worker'],
    log: () => undefined,
  });
  // every call of the sweep, throttled ones included, must stay in the log to be counted
  const emu = await startEmulatorProcess({ callLogLimit: 1_000_000 });
  await emu.control('POST', 'scenario', fleet.scenario);
  const ecs = { latencyMs, rateLimit: { perSecond: ECS_PER_SECOND / dilation, burst: ECS_PER_SECOND } };
  await emu.control('POST', 'faults', { action: '!AssumeRole', ...ecs });
  await emu.control('POST', 'faults', {
    action: 'AssumeRole',
    latencyMs,
    rateLimit: { perSecond: STS_PER_SECOND / dilation, burst: STS_PER_SECOND },
  });
  const env = {
    SG_PAIRING_ECS_ENDPOINT: emu.url,
    SG_PAIRING_STS_ENDPOINT: emu.url,
    SG_PAIRING_VPC_ENDPOINT: emu.url,
    SG_PAIRING_CONFIG_FILE: 'pairings.yaml',
    // the SDK's timeouts (read 10 s, connect 5 s) dilated with the latency they guard against
    SG_PAIRING_READ_TIMEOUT_MS: String(10_000 * dilation),
    // the connect timeout is also the SDK's socket idle timeout: 51 processes sharing 2 cores stall for seconds
    SG_PAIRING_CONNECT_TIMEOUT_MS: String(5_000 * dilation),
  };
  const cpuBefore = hostCpu();
  const fc = await startFcProcesses({ [WORKER]: join(dist, 'reconcile-worker') }, env);
  const event = JSON.stringify({ triggerTime: new Date().toISOString(), triggerName: 'sweep', payload: '' });
  const timer = await runFunctionProcess(TIMER, join(dist, 'scheduled-reconcile'), event, {
    ...env,
    SG_PAIRING_FC_ENDPOINT: fc.url,
    SG_PAIRING_FANOUT_ACCOUNTS: String(shardAccounts),
    // the quota the timer divides between the shards: STS's, dilated like the emulator's
    SG_PAIRING_STS_PER_SECOND: String(STS_PER_SECOND / dilation),
    SG_PAIRING_WORKER_FUNCTION: WORKER,
  });
  const workers = await Promise.all(fc.runs);
  const cpuAfter = hostCpu();
  const busyShare = (cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total);
  const calls = (await emu.control('GET', 'calls')) as CallSeen[];
  await Promise.all([fc.close(), emu.close()]);
  const spec = { accounts, pairings, shardAccounts, minimum: fleet.minimum.total, dilation, hostCpuBusy: busyShare };
  return fleetRow(spec, timer, workers, calls);
}

interface FleetSpecMeasured {
  accounts: number;
  pairings: number;
  shardAccounts: number;
  minimum: number;
  dilation: number;
  hostCpuBusy: number;
}

function fleetRow(spec: FleetSpecMeasured, timer: ProcessRun, workers: ProcessRun[], calls: CallSeen[]): FleetRow {
  const { served, throttled, assumeRoles, callsByAction, refusedByCode } = tallyCalls(calls);
  const busiestCalls = Math.max(0, ...served.values());
  const lowerBoundMs =
    (Math.max(busiestCalls / ECS_PER_SECOND, assumeRoles / STS_PER_SECOND) * 1000 + CHAIN_ROUND_TRIPS * LATENCY_MS) *
    spec.dilation;
  const burstBoundMs =
    (Math.max(
      Math.max(0, busiestCalls - ECS_PER_SECOND) / ECS_PER_SECOND,
      Math.max(0, assumeRoles - STS_PER_SECOND) / STS_PER_SECOND,
    ) *
      1000 +
      CHAIN_ROUND_TRIPS * LATENCY_MS) *
    spec.dilation;
  const wallMs = Math.max(timer.endedAt, ...workers.map((w) => w.endedAt)) - timer.startedAt;
  const worker = deployed(WORKER);
  const timerFn = deployed(TIMER);
  const maxMs = Math.max(0, ...workers.map((w) => w.ms));
  // durations in real time: a dilated run's are K times what FC would bill and time out on
  const msPerAccount = maxMs / spec.dilation / spec.shardAccounts;
  const apiCalls = calls.length - throttled;
  return {
    date: new Date().toISOString(),
    dilation: spec.dilation,
    hostCpuBusy: Number(spec.hostCpuBusy.toFixed(2)),
    accounts: spec.accounts,
    pairings: spec.pairings,
    shardAccounts: spec.shardAccounts,
    shards: workers.length,
    wallMs,
    lowerBoundMs,
    ratio: wallMs / lowerBoundMs,
    burstBoundMs,
    burstRatio: wallMs / burstBoundMs,
    apiCalls,
    minimumCalls: spec.minimum,
    callsRatio: apiCalls / spec.minimum,
    assumeRoles,
    throttled,
    busiestCalls,
    callsByAction,
    refusedByCode,
    timer: { ms: timer.ms, maxRssMb: timer.maxRssMb, ok: timer.ok },
    workers: workerFigures(workers),
    workerTimeoutS: worker.timeoutS,
    timeoutShare: maxMs / spec.dilation / 1000 / worker.timeoutS,
    shardAccountsForHalfTimeout: msPerAccount > 0 ? Math.floor((worker.timeoutS * 1000) / 2 / msPerAccount) : 0,
    gbSeconds:
      ((timer.ms / 1000) * (timerFn.memoryMb / 1024) +
        workers.reduce((s, w) => s + (w.ms / 1000) * (worker.memoryMb / 1024), 0)) /
      spec.dilation,
    memoryMb: { timer: timerFn.memoryMb, worker: worker.memoryMb },
  };
}

function workerFigures(workers: ProcessRun[]): FleetRow['workers'] {
  return {
    failed: workers.filter((w) => !w.ok).length,
    errors: workers.flatMap((w) => (w.error ? [w.error] : [])),
    maxMs: Math.max(0, ...workers.map((w) => w.ms)),
    medianMs: median(workers.map((w) => w.ms)),
    maxRssMb: Math.max(0, ...workers.map((w) => w.maxRssMb)),
  };
}

/** The emulator's call log, counted: answered calls per member account and per action, refusals by code. */
function tallyCalls(calls: CallSeen[]) {
  const served = new Map<string, number>();
  let throttled = 0;
  let assumeRoles = 0;
  const callsByAction: Record<string, number> = {};
  const refusedByCode: Record<string, number> = {};
  for (const c of calls) {
    if (c.code) refusedByCode[`${c.action} ${c.code}`] = (refusedByCode[`${c.action} ${c.code}`] ?? 0) + 1;
    if (!c.code.startsWith('Throttling')) callsByAction[c.action] = (callsByAction[c.action] ?? 0) + 1;
    if (c.code === 'Throttling.User' || c.code === 'Throttling') throttled += 1;
    else if (c.action === 'AssumeRole') assumeRoles += 1;
    else served.set(c.account, (served.get(c.account) ?? 0) + 1);
  }
  return { served, throttled, assumeRoles, callsByAction, refusedByCode };
}

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

if (require.main === module) {
  measureFleet(arg('accounts', 1000), arg('pairings', 10000), arg('shard', 50), arg('dilate', 1)).then((row) => {
    process.stdout.write(JSON.stringify(row, null, 2) + '\n');
    if (process.argv.includes('--save')) saveFleetRow(row);
  });
}

/** every core's busy and total time so far (ms), to show whether the host's CPU was what bound the run */
function hostCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

/** Keeps the row in bench/results.json (fleetScale.runs), in place of an earlier one of the same size and dilation. */
function saveFleetRow(row: FleetRow): void {
  const file = resolve(__dirname, 'results.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as { fleetScale?: { runs?: FleetRow[] } };
  const same = (r: FleetRow) =>
    r.accounts === row.accounts &&
    r.pairings === row.pairings &&
    r.shardAccounts === row.shardAccounts &&
    r.dilation === row.dilation;
  // rows from before the dilation was recorded were measured by older code
  const kept = (results.fleetScale?.runs ?? []).filter((r) => r.dilation !== undefined && !same(r));
  results.fleetScale = { ...FLEET_SCALE_HEADER, runs: [...kept, row] };
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}

const FLEET_SCALE_HEADER = {
  command: 'npm run bench:fleet -- --accounts A --pairings P --shard S --dilate K --save',
  note:
    'issue 17: dilation K multiplies the latency and divides the rate limits (wall / bound is dimensionless); ' +
    'durations, GB-s and timeout shares are divided by K back to real time. See docs/performance.md.',
};
