import { describe, expect, it } from 'vitest';
import type { NormalizedConfig } from '../../shared/config';
import { explainPairing, formatExplanation, readExplainState } from '../../shared/explain';
import type { Runtime } from '../../shared/function-host';
import { silentLogger } from '../../shared/log';
import { verifyPairing, type VerifyReport } from '../../shared/verify';
import { config, exampleScenario, oneAccountYaml, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Issue 16 item 1: a dual-stack pairing verifies over both families; explain names the missing IPv6 rule.

const cloud = useEmulator();
const fast = { pollIntervalMs: 10, maxWaitMs: 2000, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } };

/** The example world, with IPv6 addresses on i-a1 and i-a2. */
function dualStackScenario(): unknown {
  const s = exampleScenario() as { instances: { id: string; ipv6Addresses?: string[] }[] };
  const v6: Record<string, string[]> = { 'i-a1': ['2001:db8:a::1'], 'i-a2': ['2001:db8:a::2'] };
  return { ...s, instances: s.instances.map((i) => (v6[i.id] ? { ...i, ipv6Addresses: v6[i.id] } : i)) };
}

const dualYaml = oneAccountYaml(`  - name: web-pair
    protocol: icmp
    ipVersion: dual
    between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }]
`);

function verify(cfg: NormalizedConfig, runtime: Runtime): Promise<VerifyReport> {
  return verifyPairing(cfg, 'web-pair', { ...runtime.cloudAccess(cfg, fast.retry), log: silentLogger }, fast);
}

const outcome = (r: VerifyReport) =>
  r.directions.map((d) => [d.family, `${d.from.instanceId}->${d.to.ip}`, d.status, d.probe]);

describe('verify and explain of a dual-stack pairing through the emulator', () => {
  it('probes each direction over both families; with the IPv6 rule revoked, IPv4 stays reachable and IPv6 does not', async () => {
    const emu = await cloud.start(dualStackScenario());
    const cfg = config(dualYaml);
    const runtime = runtimeFor(emu);
    await run(cfg, runtime);

    const both = await verify(cfg, runtime);
    const sgA2 = emu.emulator.world.groups.get('sg-a2')!;
    sgA2.rules = sgA2.rules.filter((r) => r.ipProtocol !== 'ICMPv6');
    const after = await verify(cfg, runtime);
    const access = runtime.cloudAccess(cfg, fast.retry);
    const explained = explainPairing(cfg, 'web-pair', await readExplainState(cfg.pairings[0], access));

    expect(both.reachable).toBe(true);
    expect(outcome(both)).toEqual([
      ['ipv4', 'i-a1->10.0.0.2', 'Reachable', 'ping -c 3 -W 2 10.0.0.2'],
      ['ipv4', 'i-a2->10.0.0.1', 'Reachable', 'ping -c 3 -W 2 10.0.0.1'],
      ['ipv6', 'i-a1->2001:db8:a::2', 'Reachable', 'ping -6 -c 3 -W 2 2001:db8:a::2'],
      ['ipv6', 'i-a2->2001:db8:a::1', 'Reachable', 'ping -6 -c 3 -W 2 2001:db8:a::1'],
    ]);
    expect(after.reachable).toBe(false);
    expect(outcome(after).map(([family, flow, status]) => [family, flow, status])).toEqual([
      ['ipv4', 'i-a1->10.0.0.2', 'Reachable'],
      ['ipv4', 'i-a2->10.0.0.1', 'Reachable'],
      ['ipv6', 'i-a1->2001:db8:a::2', 'Unreachable'],
      ['ipv6', 'i-a2->2001:db8:a::1', 'Reachable'],
    ]);
    expect(after.directions[2].diagnosis).toMatchObject({
      family: 'ipv6',
      verdict: 'Blocked',
      reason: 'NoMatchingRule',
    });
    expect(explained.directions.map((d) => [d.family, d.verdict])).toEqual([
      ['ipv4', 'Allowed'],
      ['ipv4', 'Allowed'],
      ['ipv6', 'Blocked'],
      ['ipv6', 'Allowed'],
    ]);
    const text = formatExplanation(explained);
    expect(text).toContain(
      'IPv6: first side i-a1 (2001:db8:a::1) -> second side i-a2 (2001:db8:a::2): BLOCKED (NoMatchingRule)',
    );
    expect(text).toContain('Ipv6SourceCidrIp 2001:db8:a::1/128');
  });
});
