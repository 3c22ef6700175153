/**
 * API calls used against the minimum, for 10, 100 and 1,000 pairings, first apply and converged
 * sweep; and the same first apply done the per-rule way. Run: `npx tsx bench/api-calls.ts`.
 */
import { buildDenseFleet, buildFleet, convergedMinimum, type Fleet, type MinimumCalls } from '../test/support/fleet';
import { countCalls, fleetConfig, runtimeAt, startFleet, sweep, total } from './bench-support';
import { applyPerRule } from './per-rule-baseline';
import type { NormalizedConfig } from '../shared/config';
import type { Plan } from '../shared/plan';

export interface ApiCallsRow {
  fleet: string;
  pairings: number;
  accounts: number;
  groups: number;
  firstApply: {
    calls: Record<string, number>;
    used: number;
    minimum: number;
    ratio: number;
    wallMs: number;
    issueFormula: number;
  };
  converged: { used: number; minimum: number; ratio: number; wallMs: number; issueFormula: number };
  perRule: { used: number; wallMs: number; oursOverPerRuleCalls: number; oursOverPerRuleWall: number };
}

/** Latency per call for the wall-time columns: without it the comparison measures only CPU. */
const LATENCY_MS = 50;

const defaultFleets = (): [string, number, Fleet][] => [
  ['spread', 2, buildFleet({ pairings: 10, accounts: 2 })],
  ['spread', 20, buildFleet({ pairings: 100, accounts: 20 })],
  ['spread', 100, buildFleet({ pairings: 1000, accounts: 100 })],
  ['dense', 1, buildDenseFleet(1000, 20)],
];

export async function measureApiCalls(fleets = defaultFleets()): Promise<ApiCallsRow[]> {
  const rows: ApiCallsRow[] = [];
  for (const [kind, accounts, fleet] of fleets) {
    const config = fleetConfig(fleet);
    const ours = await measureOurs(fleet, config);
    const perRule = await measurePerRule(fleet, config, ours.plan);
    rows.push({
      fleet: kind,
      pairings: config.pairings.length,
      accounts,
      groups: fleet.minimum.describeSecurityGroupAttribute,
      firstApply: ours.firstApply,
      converged: ours.converged,
      perRule: {
        ...perRule,
        oursOverPerRuleCalls: ours.firstApply.used / perRule.used,
        oursOverPerRuleWall: ours.firstApply.wallMs / perRule.wallMs,
      },
    });
  }
  return rows;
}

/** A first apply, then a converged sweep, on a fleet of its own: the calls each used against its minimum. */
async function measureOurs(fleet: Fleet, config: NormalizedConfig) {
  const emu = await startFleet(fleet);
  emu.emulator.faults.set({ latencyMs: LATENCY_MS });
  const runtime = runtimeAt(emu);
  let t = performance.now();
  const first = await sweep(config, runtime);
  const firstWall = performance.now() - t;
  if (!first.ok || first.counts.rulesAdded !== first.plan.counts.rulesToAdd || first.counts.rulesAdded === 0)
    throw new Error(`bench apply did not converge: ${JSON.stringify(first.counts)}`);
  const firstCalls = countCalls(emu);
  const mark = emu.emulator.calls.records.length;
  t = performance.now();
  await sweep(config, runtime);
  const convergedWall = performance.now() - t;
  const convergedUsed = total(countCalls(emu, mark));
  const convergedMin = convergedMinimum(fleet.minimum);
  await emu.close();
  const failures = emu.emulator.calls.records.filter((c) => c.status !== 200);
  if (failures.length > 0)
    console.error(`${failures.length} failed calls, e.g. ${JSON.stringify(failures.slice(0, 3))}`);
  const used = total(firstCalls);
  return {
    plan: first.plan,
    firstApply: {
      calls: firstCalls,
      used,
      minimum: fleet.minimum.total,
      ratio: used / fleet.minimum.total,
      wallMs: firstWall,
      issueFormula: issueFormula(fleet.minimum),
    },
    converged: {
      used: convergedUsed,
      minimum: convergedMin,
      ratio: convergedUsed / convergedMin,
      wallMs: convergedWall,
      issueFormula: convergedMin - fleet.minimum.listTaggedGroups,
    },
  };
}

/** The same plan applied the per-rule way (one write and one read per rule), on a fresh fleet. */
async function measurePerRule(fleet: Fleet, config: NormalizedConfig, plan: Plan) {
  const base = await startFleet(fleet);
  base.emulator.faults.set({ latencyMs: LATENCY_MS });
  const baseRuntime = runtimeAt(base);
  const t = performance.now();
  await applyPerRule(config, plan, baseRuntime);
  const wallMs = performance.now() - t;
  const used = total(countCalls(base));
  await base.close();
  return { used, wallMs };
}

/**
 * Issue 6's own formula (AssumeRole, DescribeInstances, DescribeSecurityGroupAttribute, the writes,
 * "nothing else"): the minimum without the group-type lookups (the enterprise pre-check, once per
 * group), the VPC blocks members' addresses must lie in (once per account, then cached) and the record
 * (its listing per account per sweep, its tags on a first write).
 */
function issueFormula(m: MinimumCalls): number {
  return m.total - m.describeSecurityGroups - m.describeVpcs - m.listTaggedGroups - m.tagResources;
}

if (require.main === module) {
  measureApiCalls().then((rows) => {
    console.table(
      rows.map((r) => ({
        fleet: r.fleet,
        pairings: r.pairings,
        accounts: r.accounts,
        groups: r.groups,
        'calls (first apply)': r.firstApply.used,
        minimum: r.firstApply.minimum,
        'used/min': r.firstApply.ratio.toFixed(2),
        'converged used/min': r.converged.ratio.toFixed(2),
        'used/issue formula (first, converged)': `${(r.firstApply.used / r.firstApply.issueFormula).toFixed(3)}, ${(r.converged.used / r.converged.issueFormula).toFixed(3)}`,
        'per-rule calls': r.perRule.used,
        'ours/per-rule calls': r.perRule.oursOverPerRuleCalls.toFixed(3),
        'ours/per-rule wall': r.perRule.oursOverPerRuleWall.toFixed(3),
        'wall ms (ours, per-rule)': `${r.firstApply.wallMs.toFixed(0)}, ${r.perRule.wallMs.toFixed(0)}`,
      })),
    );
    console.log(
      JSON.stringify(
        rows.map((r) => ({ pairings: r.pairings, calls: r.firstApply.calls })),
        null,
        0,
      ),
    );
  });
}
