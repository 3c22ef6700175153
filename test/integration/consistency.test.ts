import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../support/emulator-access';
import { exampleConfig, exampleScenario, run, runtimeFor } from '../support/product';
import { DECLARED_RULES, PAIRED_GROUPS, pairedRules } from '../support/revoked-pairings';
import { useEmulator } from '../support/use-emulator';

// Eventual consistency: rules an Authorize adds stay invisible to Describe for 2 s (the emulator's
// visibilityDelayMs fault, on its injectable clock, so nothing waits for real). Back-to-back runs
// must neither add a rule twice nor prune (prune: owned, the default) a rule they own.

// Writes whose answer is lost must time out quickly here; production keeps 10 s.
process.env.SG_PAIRING_READ_TIMEOUT_MS = '300';

const VISIBILITY_DELAY_MS = 2000;
let now = Date.now();
const cloud = useEmulator();

/** A rule sg-pairing once added to sg-a1 for an address web-pair no longer has: the first run prunes it. */
const STALE_OWNED = {
  ipProtocol: 'ALL',
  portRange: '-1/-1',
  sourceCidrIp: '10.0.0.9/32',
  description: 'sg-pairing:demo:web-pair',
};

async function start(): Promise<RunningEmulator> {
  now = Date.now();
  const scenario = exampleScenario() as { securityGroups: { id: string; rules?: unknown[] }[] };
  scenario.securityGroups.find((g) => g.id === 'sg-a1')!.rules = [STALE_OWNED];
  return cloud.start(scenario, {
    clock: () => now,
    faults: { action: 'AuthorizeSecurityGroup', visibilityDelayMs: VISIBILITY_DELAY_MS },
  });
}

const ruleIds = (e: RunningEmulator) =>
  PAIRED_GROUPS.flatMap((g) => e.emulator.world.groups.get(g)!.rules.map((r) => r.ruleId)).sort();
const statuses = (report: { pairings: { name: string; status: string }[] }) =>
  Object.fromEntries(report.pairings.map((p) => [p.name, p.status]));
const calls = (e: RunningEmulator, action: string) => e.emulator.calls.records.filter((c) => c.action === action);

describe('rules invisible for 2 s after they are written', () => {
  it('a second run right after the first adds nothing twice and prunes nothing it owns; once visible, the next run is in sync', async () => {
    // Prepare
    const e = await start();
    const runtime = runtimeFor(e);

    // Act: two runs within the delay, then one after it
    const first = await run(exampleConfig(), runtime);
    const owned = ruleIds(e);
    const revokesByFirst = calls(e, 'RevokeSecurityGroup').length;
    const second = await run(exampleConfig(), runtime);
    const afterSecond = ruleIds(e);
    now += VISIBILITY_DELAY_MS;
    const third = await run(exampleConfig(), runtime);

    // Assess: pruning is on (the first run revoked the stale rule it owned); the second run saw none
    // of the first run's rules and sent them again; the emulator took the identical (invisible) rules
    // as duplicates, a silent success: still one rule each
    expect(statuses(first)).toEqual({ 'app-db': 'Changed', 'web-pair': 'Changed' });
    expect(revokesByFirst).toBe(1);
    expect(statuses(second)).toEqual({ 'app-db': 'Changed', 'web-pair': 'Changed' });
    expect(pairedRules(e)).toEqual(DECLARED_RULES);
    // the owned rules are the same rules (same ids) after the second run: none revoked and re-made
    expect(afterSecond).toEqual(owned);
    expect(calls(e, 'RevokeSecurityGroup')).toHaveLength(1);
    expect(statuses(third)).toEqual({ 'app-db': 'InSync', 'web-pair': 'InSync' });
    expect(calls(e, 'AuthorizeSecurityGroup').filter((c) => c.status === 200)).toHaveLength(8); // 4 groups, twice
  });

  it('a write whose answer is lost, then looked for and not seen: the resend with the same ClientToken adds nothing', async () => {
    // Prepare: every Authorize is carried out but its answer lost; the look before the retry sees nothing yet
    const e = await start();
    e.emulator.faults.set({
      action: 'AuthorizeSecurityGroup',
      visibilityDelayMs: VISIBILITY_DELAY_MS,
      lostResponseRate: 1,
    });

    // Act
    const report = await run(exampleConfig(), runtimeFor(e), {
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });

    // Assess: each group was sent its rule twice under one ClientToken; the world holds each once
    const authorizes = calls(e, 'AuthorizeSecurityGroup');
    expect(authorizes).toHaveLength(8);
    expect(new Set(authorizes.map((c) => c.params.ClientToken)).size).toBe(4);
    expect(pairedRules(e)).toEqual(DECLARED_RULES);
    // this run cannot confirm its writes, so it says retry; the next one, once they show, finds them
    expect(
      report.pairings.every((p) => p.status === 'Failed' && p.reason === 'RequestTimeout' && p.retryable === true),
    ).toBe(true);
    now += VISIBILITY_DELAY_MS;
    e.emulator.faults.clear();
    expect(statuses(await run(exampleConfig(), runtimeFor(e)))).toEqual({ 'app-db': 'InSync', 'web-pair': 'InSync' });
    expect(calls(e, 'AuthorizeSecurityGroup')).toHaveLength(8);
  });
});
