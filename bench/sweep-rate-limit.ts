/**
 * A full sweep under per-account rate limits: 1,000 pairings over 100 accounts and 2,000 groups,
 * 50 ms per call, 20 calls/s per account (Throttling.User with x-acs-retry-after beyond). Compares
 * the wall time with the rate limit's lower bound: the busiest account's calls / 20 per second, plus
 * one round trip. Also reports peak RSS during the sweep. Run: `npx tsx bench/sweep-rate-limit.ts`.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { createRuntime } from '../shared/runtime';
import { sweep, fleetConfig } from './bench-support';
import { startEmulatorProcess } from './emulator-process';
import { buildFleet, HUB } from '../test/support/fleet';

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
  peakRssMb: number;
}

const LATENCY_MS = 50;
const PER_SECOND = 20;

export async function measureSweep(pairings = 1000, accounts = 100, concurrencyPerAccount = 4): Promise<SweepRow> {
  const fleet = buildFleet({ pairings, accounts });
  const config = fleetConfig(fleet);
  const emu = await startEmulatorProcess();
  await emu.control('POST', 'scenario', fleet.scenario);
  await emu.control('POST', 'faults', { latencyMs: LATENCY_MS, rateLimit: { perSecond: PER_SECOND } });
  const runtime = createRuntime('cn-qingdao', { kind: 'static', credentials: HUB }, { SG_PAIRING_ECS_ENDPOINT: emu.url, SG_PAIRING_STS_ENDPOINT: emu.url });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = performance.now();
  const report = await sweep(config, runtime, { concurrencyPerAccount });
  const wallMs = performance.now() - t;
  clearInterval(sampler);
  const served = new Map<string, number>();
  let throttled = 0;
  const calls = (await emu.control('GET', 'calls')) as { account: string; code: string }[];
  for (const c of calls) {
    if (c.code === 'Throttling.User') throttled += 1;
    else served.set(c.account, (served.get(c.account) ?? 0) + 1);
  }
  await emu.close();
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
    peakRssMb: peak / 2 ** 20,
  };
}

/** The sweep in a fresh process of its own, so its peak RSS is the sweep's and not earlier benches'. */
export function measureSweepInChild(): SweepRow {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--json'], { cwd: resolve(__dirname, '..'), maxBuffer: 1 << 20 });
  return JSON.parse(out.toString().trim().split('\n').pop()!) as SweepRow;
}

if (require.main === module) {
  measureSweep().then((row) => {
    if (process.argv.includes('--json')) return void process.stdout.write(JSON.stringify(row) + '\n');
    console.table([{ ...row, wallMs: row.wallMs.toFixed(0), lowerBoundMs: row.lowerBoundMs.toFixed(0), ratio: row.ratio.toFixed(2), peakRssMb: row.peakRssMb.toFixed(0) }]);
  });
}
