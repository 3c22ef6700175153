import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFleet } from '../support/fleet';
import { config, run, runtimeFor, startWith } from '../support/product';
import type { RunningEmulator } from '../support/emulator-access';

// Calls the emulator never answers must time out quickly here; production keeps 10 s.
process.env.SG_PAIRING_READ_TIMEOUT_MS = '400';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startWith(buildFleet({ pairings: 200, accounts: 10 }).scenario);
});
afterAll(async () => emu?.close());

function ruleCount(): number {
  let n = 0;
  for (const g of emu.emulator.world.groups.values()) n += g.rules.filter((r) => r.direction === 'ingress').length;
  return n;
}

describe('a full sweep through faults on every action', () => {
  it('converges exactly, with no duplicate rule, through 30% throttling, 10% 5xx and 5% timeouts; a second sweep writes nothing', { timeout: 120_000 }, async () => {
    // Prepare
    const fleet = buildFleet({ pairings: 200, accounts: 10 });
    const cfg = config(fleet.configYaml);
    emu.emulator.faults.set({ seed: 7, throttleRate: 0.3, errorRate: 0.1, timeoutRate: 0.05, retryAfterMs: 10 });
    const runtime = runtimeFor(emu);

    // Act
    const t = Date.now();
    const first = await run(cfg, runtime, {}, undefined);
    console.log('first sweep ms', Date.now() - t, 'calls', emu.emulator.calls.records.length, JSON.stringify(Object.entries(emu.emulator.calls.records.reduce((m: Record<string, number>, c) => ((m[c.code || 'ok'] = (m[c.code || 'ok'] ?? 0) + 1), m), {}))));
    emu.emulator.faults.clear();
    const writesBefore = emu.emulator.calls.records.filter((c) => c.action === 'AuthorizeSecurityGroup' && c.status === 200).length;
    const second = await run(cfg, runtime);

    // Assess
    expect(first.pairings.filter((p) => p.status !== 'Changed')).toEqual([]);
    expect(first.ok).toBe(true);
    expect(ruleCount()).toBe(400); // one rule per receiving side, none twice
    const faulted = emu.emulator.calls.records.filter((c) => c.status !== 200).length;
    expect(faulted).toBeGreaterThan(100);
    expect(second.pairings.every((p) => p.status === 'InSync')).toBe(true);
    expect(emu.emulator.calls.records.filter((c) => c.action === 'AuthorizeSecurityGroup' && c.status === 200).length).toBe(writesBefore);
  });
});
