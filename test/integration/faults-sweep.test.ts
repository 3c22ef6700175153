import { describe, expect, it } from 'vitest';
import { buildFleet } from '../support/fleet';
import { config, run, runtimeFor, startWith } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Calls the emulator never answers must time out quickly here; production keeps 10 s.
process.env.SG_PAIRING_READ_TIMEOUT_MS = '400';

const cloud = useEmulator({ scenario: buildFleet({ pairings: 200, accounts: 10 }).scenario, per: 'suite' });

function ruleCount(): number {
  let n = 0;
  for (const g of cloud.world.groups.values()) n += g.rules.filter((r) => r.direction === 'ingress').length;
  return n;
}

describe('a full sweep through faults on every action', () => {
  it(
    'converges exactly, with no duplicate rule, through 30% throttling, 10% 5xx and 5% timeouts; a second sweep writes nothing',
    { timeout: 60_000 },
    async () => {
      // Prepare
      const fleet = buildFleet({ pairings: 200, accounts: 10 });
      const cfg = config(fleet.configYaml);
      cloud.faults.set({
        seed: 7,
        throttleRate: 0.3,
        errorRate: 0.1,
        timeoutRate: 0.05,
        retryAfterMs: 10,
      });
      const runtime = runtimeFor(cloud.emulator);

      // Act: ~2,500 call chains each see a fault at 45% (15% not throttling); with 6 attempts one chain
      // in ~10,000 would exhaust them (0.214^6), so a call order that differs by one call could fail the
      // run. 10 attempts make that ~1 in 5 million per chain.
      const first = await run(cfg, runtime, { retry: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 50 } });
      cloud.faults.clear();
      const writesBefore = cloud.calls.records.filter(
        (c) => c.action === 'AuthorizeSecurityGroup' && c.status === 200,
      ).length;
      const second = await run(cfg, runtime);

      // Assess
      expect(first.pairings.filter((p) => p.status !== 'Changed')).toEqual([]);
      expect(first.ok).toBe(true);
      expect(ruleCount()).toBe(400); // one rule per receiving side, none twice
      const faulted = cloud.calls.records.filter((c) => c.status !== 200).length;
      expect(faulted).toBeGreaterThan(100);
      expect(second.pairings.every((p) => p.status === 'InSync')).toBe(true);
      expect(cloud.calls.records.filter((c) => c.action === 'AuthorizeSecurityGroup' && c.status === 200).length).toBe(
        writesBefore,
      );
    },
  );
});

describe('a write whose response is lost', () => {
  it('is never applied twice: the retry looks first, and the ClientToken guards the resend', async () => {
    const fresh = await startWith(buildFleet({ pairings: 40, accounts: 4 }).scenario);
    try {
      fresh.emulator.faults.set({ action: 'AuthorizeSecurityGroup', seed: 3, lostResponseRate: 0.5 });
      const report = await run(config(buildFleet({ pairings: 40, accounts: 4 }).configYaml), runtimeFor(fresh));

      const lost = fresh.emulator.calls.records.filter((c) => c.code === 'InjectedLostResponse').length;
      expect(lost).toBeGreaterThan(5);
      expect(report.ok).toBe(true);
      let rules = 0;
      for (const g of fresh.emulator.world.groups.values())
        rules += g.rules.filter((r) => r.direction === 'ingress').length;
      expect(rules).toBe(80);
      // every lost write was recognised as done by the look before retrying: no second Authorize for it
      const authorizes = fresh.emulator.calls.records.filter((c) => c.action === 'AuthorizeSecurityGroup').length;
      expect(authorizes).toBe(80);
    } finally {
      await fresh.close();
    }
  });
});
