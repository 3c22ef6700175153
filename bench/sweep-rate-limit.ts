/**
 * A full sweep under per-account rate limits: 1,000 pairings over 100 accounts and 2,000 groups,
 * 50 ms per call, 20 calls/s per account (Throttling.User with x-acs-retry-after beyond). Compares
 * the wall time with the rate limit's lower bound: the busiest account's calls / 20 per second, plus
 * one round trip. Also reports peak RSS during the sweep. Run: `npx tsx bench/sweep-rate-limit.ts`.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { INITIAL_CONCURRENCY_PER_ACCOUNT } from '../shared/reconcile/reconcile';
import { createRuntime } from '../shared/function-host';
import { sweep, fleetConfig } from './bench-support';
import { startEmulatorProcess } from './emulator-process';
import { buildFleet } from '../test/support/fleet';
import { HUB_CREDENTIALS } from '../test/support/identities';

export interface SweepRow {
  pairings: number;
  accounts: number;
  groups: number;
  wallMs: number;
  lowerBoundMs: number;
  ratio: number;
  busiestAccount: string;
  busiestCalls: number;
  throttled: number;
  failedChanges: number;
  rulesAdded: number;
  concurrencyPerAccount: number;
  /** most calls one account had in flight at once, as the emulator saw them: the busiest account's, and the median account's */
  concurrencyUsed: { max: number; median: number };
  peakRssMb: number;
  /** CPU time of the product (this process) and of the emulator process during the sweep, ms */
  cpuMs: { product: number; emulator: number };
}

const LATENCY_MS = 50;
const PER_SECOND = 20;

export async function measureSweep(
  pairings = 1000,
  accounts = 100,
  concurrencyPerAccount = INITIAL_CONCURRENCY_PER_ACCOUNT,
): Promise<SweepRow> {
  const fleet = buildFleet({ pairings, accounts });
  const config = fleetConfig(fleet);
  const emu = await startEmulatorProcess();
  await emu.control('POST', 'scenario', fleet.scenario);
  await emu.control('POST', 'faults', { latencyMs: LATENCY_MS, rateLimit: { perSecond: PER_SECOND } });
  const runtime = createRuntime(
    'cn-qingdao',
    { kind: 'static', credentials: HUB_CREDENTIALS },
    { SG_PAIRING_ECS_ENDPOINT: emu.url, SG_PAIRING_STS_ENDPOINT: emu.url, SG_PAIRING_VPC_ENDPOINT: emu.url },
  );
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const [cpu0, emuCpu0] = [process.cpuUsage(), emu.cpuMs()];
  const t = performance.now();
  const report = await sweep(config, runtime, { concurrencyPerAccount });
  const wallMs = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const emulatorCpuMs = emu.cpuMs() - emuCpu0;
  clearInterval(sampler);
  const served = new Map<string, number>();
  let throttled = 0;
  const calls = (await emu.control('GET', 'calls')) as CallSeen[];
  for (const c of calls) {
    if (c.code === 'Throttling.User') throttled += 1;
    else served.set(c.account, (served.get(c.account) ?? 0) + 1);
  }
  await emu.close();
  const used = concurrencyUsed(calls.filter((c) => c.action !== 'AssumeRole'));
  const [busiestAccount, busiestCalls] = [...served.entries()].sort((a, b) => b[1] - a[1])[0];
  const lowerBoundMs = (busiestCalls / PER_SECOND) * 1000 + LATENCY_MS;
  return {
    pairings,
    accounts,
    groups: fleet.minimum.describeSecurityGroupAttribute,
    wallMs,
    lowerBoundMs,
    ratio: wallMs / lowerBoundMs,
    busiestAccount,
    busiestCalls,
    throttled,
    failedChanges: report.counts.rulesFailed + report.counts.failed + report.counts.blocked,
    rulesAdded: report.counts.rulesAdded,
    concurrencyPerAccount,
    concurrencyUsed: used,
    peakRssMb: peak / 2 ** 20,
    cpuMs: { product: (cpu.user + cpu.system) / 1000, emulator: emulatorCpuMs },
  };
}

interface CallSeen {
  action: string;
  account: string;
  code: string;
  /** arrival, epoch ms on the emulator's clock */
  time: number;
  durationMs: number;
}

/** Per account, the most calls in flight at once (arrival to answer); the max and the median over accounts. */
function concurrencyUsed(calls: readonly CallSeen[]): { max: number; median: number } {
  const edges = new Map<string, [number, number][]>();
  for (const c of calls) {
    const list = edges.get(c.account) ?? [];
    list.push([c.time, 1], [c.time + c.durationMs, -1]);
    edges.set(c.account, list);
  }
  const peaks = [...edges.values()]
    .map((list) => {
      let now = 0;
      let most = 0;
      for (const [, d] of list.sort((a, b) => a[0] - b[0] || a[1] - b[1])) most = Math.max(most, (now += d));
      return most;
    })
    .sort((a, b) => a - b);
  return { max: peaks.at(-1) ?? 0, median: peaks[Math.floor(peaks.length / 2)] ?? 0 };
}

/** The sweep in a fresh process of its own, so its peak RSS is the sweep's and not earlier benches'. */
export function measureSweepInChild(): SweepRow {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--json'], {
    cwd: resolve(__dirname, '..'),
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.toString().trim().split('\n').pop()!) as SweepRow;
}

/** `runs` sweeps, each in a fresh process: the run of median ratio, with every run's ratio (a 2-core machine is noisy). */
export function measureSweepMedian(runs = 3): SweepRow & { ratios: number[] } {
  const rows = Array.from({ length: runs }, () => measureSweepInChild()).sort((a, b) => a.ratio - b.ratio);
  return { ...rows[Math.floor(rows.length / 2)], ratios: rows.map((r) => Number(r.ratio.toFixed(3))) };
}

if (require.main === module) {
  measureSweep().then((row) => {
    if (process.argv.includes('--json')) return void process.stdout.write(JSON.stringify(row) + '\n');
    console.table([
      {
        ...row,
        wallMs: row.wallMs.toFixed(0),
        lowerBoundMs: row.lowerBoundMs.toFixed(0),
        ratio: row.ratio.toFixed(2),
        peakRssMb: row.peakRssMb.toFixed(0),
        concurrencyUsed: `max ${row.concurrencyUsed.max}, median ${row.concurrencyUsed.median}`,
        cpuMs: `product ${row.cpuMs.product.toFixed(0)}, emulator ${row.cpuMs.emulator.toFixed(0)}`,
      },
    ]);
  });
}
