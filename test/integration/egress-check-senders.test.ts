import { describe, expect, it } from 'vitest';
import { config, exampleScenario, oneAccountYaml, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Issue 16 item 2: plan judges the egress of a sender whose groups receive nothing in this deployment
// (a one-way pairing's instance), reading its groups for that — through the real SDK and the emulator.

const cloud = useEmulator();

/** The example world, where sg-a1 (i-a1's only group) drops all outbound traffic. */
function restrictedScenario(): unknown {
  const s = exampleScenario() as { securityGroups: { id: string; rules?: unknown[] }[] };
  const drop = { direction: 'egress', ipProtocol: 'ALL', portRange: '-1/-1', destCidrIp: '0.0.0.0/0', policy: 'Drop' };
  return {
    ...s,
    securityGroups: s.securityGroups.map((g) => (g.id === 'sg-a1' ? { ...g, rules: [{ ...drop, priority: 100 }] } : g)),
  };
}

const oneWay = (egress: string) =>
  oneAccountYaml(`  - name: one-way
    direction: first-to-second
    protocol: tcp
    ports: 22/22
    egress: ${egress}
    between: [{ account: a, instance: i-a1 }, { account: a, securityGroup: sg-a2 }]
`);

describe('plan: EgressBlocked for a sender whose groups receive nothing', () => {
  it('reads the sending instance’s group and warns, naming the drop rule; once manage wrote the egress, none', async () => {
    const e = await cloud.start(restrictedScenario());
    const runtime = runtimeFor(e);
    const attributesRead = () =>
      e.emulator.calls.records
        .filter((c) => c.action === 'DescribeSecurityGroupAttribute')
        .map((c) => c.params.SecurityGroupId)
        .sort();

    const checked = await run(config(oneWay('check')), runtime, { dryRun: true });

    expect(attributesRead()).toEqual(['sg-a1', 'sg-a2']);
    expect(checked.plan.pairings[0]?.warnings.filter((w) => w.code === 'EgressBlocked')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^instance i-a1 cannot send to security group sg-a2: .*sg-a1/),
        groupId: 'sg-a1',
      }),
    ]);

    await run(config(oneWay('manage')), runtime);
    const managed = await run(config(oneWay('manage')), runtime, { dryRun: true });
    expect(managed.plan.pairings[0]?.warnings.filter((w) => w.code === 'EgressBlocked')).toEqual([]);
  });
});
