import { describe, expect, it } from 'vitest';
import { callCounts, config, exampleScenario, oneAccountYaml, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Issue 16 item 1: a dual-stack pairing writes both families through the real SDK, and converges.

const cloud = useEmulator();

/** The example world, with IPv6 addresses on i-a1 and i-a2 (their VPC's IPv6 block). */
function dualStackScenario(): unknown {
  const s = exampleScenario() as { instances: { id: string; ipv6Addresses?: string[] }[] };
  const v6: Record<string, string[]> = { 'i-a1': ['2001:db8:a::1'], 'i-a2': ['2001:DB8:A:0::2'] };
  return { ...s, instances: s.instances.map((i) => (v6[i.id] ? { ...i, ipv6Addresses: v6[i.id] } : i)) };
}

const yaml = (ipVersion: string) =>
  oneAccountYaml(`  - name: web-pair
    protocol: icmp
    ipVersion: ${ipVersion}
    between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }]
`);

describe('ipVersion dual through the emulator', () => {
  it('writes an IPv4 and an ICMPv6 rule in each group, reads them back as in sync, and removes the IPv6 ones on ipv4', async () => {
    const e = await cloud.start(dualStackScenario());
    const first = await run(config(yaml('dual')), runtimeFor(e));
    expect(first.plan.pairings.map((p) => [p.name, p.status])).toEqual([['web-pair', 'Changes']]);
    const lines = (groupId: string) =>
      (e.emulator.world.groups.get(groupId)?.rules ?? [])
        .filter((r) => r.direction === 'ingress')
        .map((r) => `${r.ipProtocol} ${r.sourceCidrIp || r.ipv6SourceCidrIp}`)
        .sort();
    expect(lines('sg-a1')).toEqual(['ICMP 10.0.0.2/32', 'ICMPv6 2001:db8:a::2/128']);
    expect(lines('sg-a2')).toEqual(['ICMP 10.0.0.1/32', 'ICMPv6 2001:db8:a::1/128']);

    e.emulator.calls.clear();
    const second = await run(config(yaml('dual')), runtimeFor(e));
    expect(second.plan.pairings.map((p) => p.status)).toEqual(['InSync']);
    expect(callCounts(e).AuthorizeSecurityGroup).toBeUndefined();

    await run(config(yaml('ipv4')), runtimeFor(e));
    expect(lines('sg-a1')).toEqual(['ICMP 10.0.0.2/32']);
  });
});
