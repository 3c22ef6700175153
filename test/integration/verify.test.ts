import { describe, expect, it } from 'vitest';
import type { NormalizedConfig } from '../../shared/config';
import { silentLogger } from '../../shared/log';
import type { Runtime } from '../../shared/function-host';
import { verifyPairing, type VerifyReport } from '../../shared/verify';
import { validScenarioInput } from '../support/emulator-access';
import { callCounts, config, exampleScenario, run, runtimeFor, webPairVerifyYaml } from '../support/product';
import { ACCOUNT_A_ID } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

const cloud = useEmulator();

const fast = { pollIntervalMs: 10, maxWaitMs: 2000, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } };

function verify(cfg: NormalizedConfig, runtime: Runtime, name: string): Promise<VerifyReport> {
  return verifyPairing(cfg, name, { ...runtime.cloudAccess(cfg, fast.retry), log: silentLogger }, fast);
}

const statuses = (r: VerifyReport) => r.directions.map((d) => [`${d.from.instanceId}->${d.to.instanceId}`, d.status]);

describe('sg-pairing verify: ping through Cloud Assistant, against the emulated network', () => {
  it('is unreachable before apply (no rule lets it in) and reachable in both directions after', async () => {
    const emu = await cloud.start(exampleScenario());
    const cfg = config(webPairVerifyYaml());
    const runtime = runtimeFor(emu);

    const before = await verify(cfg, runtime, 'web-pair');
    await run(cfg, runtime);
    const after = await verify(cfg, runtime, 'web-pair');

    expect(statuses(before)).toEqual([
      ['i-a1->i-a2', 'Unreachable'],
      ['i-a2->i-a1', 'Unreachable'],
    ]);
    expect(before.directions[0]).toMatchObject({
      reason: 'ProbeFailed',
      exitCode: 1,
      probe: 'ping -c 3 -W 2 10.0.0.2',
      diagnosis: { verdict: 'Blocked', reason: 'NoMatchingRule' },
    });
    expect(before.directions[0].output).toContain('3 packets transmitted, 0 received, 100% packet loss');
    expect(after).toMatchObject({ reachable: true, pairing: 'web-pair', deployment: 'demo', traffic: 'all' });
    expect(after.directions.map((d) => [d.status, d.reason, d.message, d.diagnosis])).toEqual([
      [
        'Reachable',
        'ProbeSucceeded',
        expect.stringContaining('3 packets transmitted, 3 received, 0% packet loss'),
        undefined,
      ],
      ['Reachable', 'ProbeSucceeded', expect.stringContaining('3 packets transmitted, 3 received'), undefined],
    ]);
    // one InvokeCommand per direction, each polled until its result (the first answer is Running); the
    // account's verify command is looked up once per run and created once (by the first); no RunCommand
    expect(callCounts(emu)).toMatchObject({
      InvokeCommand: 4,
      DescribeInvocationResults: 8,
      DescribeCommands: 2,
      CreateCommand: 1,
    });
    expect(callCounts(emu)).not.toHaveProperty('RunCommand');
  });

  it('is unreachable behind a drop rule, and the diagnosis names that rule', async () => {
    const emu = await cloud.start(exampleScenario());
    const cfg = config(webPairVerifyYaml());
    const runtime = runtimeFor(emu);
    await run(cfg, runtime);
    emu.emulator.world.groups.get('sg-a2')!.rules.push({
      ruleId: 'sgr-blocker',
      direction: 'ingress',
      ipProtocol: 'ICMP',
      portRange: '-1/-1',
      sourceCidrIp: '10.0.0.0/24',
      sourceGroupId: '',
      sourceGroupOwnerId: '',
      destCidrIp: '',
      sourcePortRange: '',
      nicType: 'intranet',
      policy: 'Drop',
      priority: 1,
      description: 'quarantine',
      createTime: '2024-01-01T00:00:00Z',
      visibleAt: 0,
    });

    const report = await verify(cfg, runtime, 'web-pair');

    expect(statuses(report)).toEqual([
      ['i-a1->i-a2', 'Unreachable'],
      ['i-a2->i-a1', 'Reachable'],
    ]);
    expect(report.reachable).toBe(false);
    expect(report.directions[0].diagnosis).toMatchObject({
      verdict: 'Blocked',
      reason: 'DropRule',
      rule: {
        ruleId: 'sgr-blocker',
        groupId: 'sg-a2',
        priority: 1,
        policy: 'drop',
        protocol: 'icmp',
        source: '10.0.0.0/24',
        description: 'quarantine',
      },
      message: expect.stringContaining('drop wins over'),
    });
    expect(report.directions[0].message).toContain('is dropped by rule sgr-blocker');
  });

  it('across two unconnected VPCs: unreachable with the prerequisite warning; reachable once a CEN joins them', async () => {
    const scenario = exampleScenario() as {
      vpcs: unknown[];
      securityGroups: unknown[];
      instances: unknown[];
      vpcConnections?: unknown[];
    };
    scenario.vpcs.push({ id: 'vpc-b', owner: ACCOUNT_A_ID, cidr: '10.1.0.0/16' });
    scenario.securityGroups.push({
      id: 'sg-x',
      owner: ACCOUNT_A_ID,
      vpc: 'vpc-b',
      name: 'x',
      rules: [{ ipProtocol: 'all', portRange: '-1/-1', sourceCidrIp: '10.0.0.1' }],
    });
    scenario.securityGroups = scenario.securityGroups.map((g) =>
      (g as { id: string }).id === 'sg-a1'
        ? { ...(g as object), rules: [{ ipProtocol: 'all', portRange: '-1/-1', sourceCidrIp: '10.1.0.7' }] }
        : g,
    );
    scenario.instances.push({
      id: 'i-x',
      owner: ACCOUNT_A_ID,
      vpc: 'vpc-b',
      privateIp: '10.1.0.7',
      securityGroups: ['sg-x'],
    });
    const emu = await cloud.start(scenario);
    const cfg = config(webPairVerifyYaml().replace('i-a2 }]', 'i-x }]'));

    const apart = await verify(cfg, runtimeFor(emu), 'web-pair');
    emu.emulator.reset(
      validScenarioInput({ ...scenario, vpcConnections: [{ between: ['vpc-a', 'vpc-b'], kind: 'cen' }] }),
    );
    const joined = await verify(cfg, runtimeFor(emu), 'web-pair');

    expect(statuses(apart)).toEqual([
      ['i-a1->i-x', 'Unreachable'],
      ['i-x->i-a1', 'Unreachable'],
    ]);
    expect(apart.prerequisites).toContainEqual(
      expect.objectContaining({ code: 'VpcConnectionNeeded', status: 'warning', vpcIds: ['vpc-a', 'vpc-b'] }),
    );
    // the address rules let it in: the cause is outside the security groups
    expect(apart.directions[0].diagnosis).toMatchObject({ verdict: 'Allowed', reason: 'AcceptRule' });
    expect(apart.directions[0].message).toContain('check the network prerequisites');
    expect(statuses(joined)).toEqual([
      ['i-a1->i-x', 'Reachable'],
      ['i-x->i-a1', 'Reachable'],
    ]);
  });

  it('probes a tcp pairing with a connect to its port, from a member of a group side', async () => {
    const emu = await cloud.start(exampleScenario());
    const cfg = config(
      webPairVerifyYaml(`  - name: db
    between: [{ account: a, securityGroup: sg-bp1azkttqpldxgte0001 }, { account: b, securityGroup: sg-bp15ed6xe1yxeycg0002 }]
    protocol: tcp
    ports: 5432/5432
    direction: first-to-second`),
    );
    const runtime = runtimeFor(emu);

    const before = await verify(cfg, runtime, 'db');
    await run(cfg, runtime, { pairings: ['db'] });
    const after = await verify(cfg, runtime, 'db');

    expect(before.directions).toEqual([
      expect.objectContaining({
        status: 'Unreachable',
        exitCode: 124,
        probe: "timeout 3 bash -c '</dev/tcp/10.0.1.4/5432'",
      }),
    ]);
    expect(after.directions).toEqual([
      expect.objectContaining({
        status: 'Reachable',
        from: expect.objectContaining({ instanceId: 'i-a3' }),
        to: expect.objectContaining({ instanceId: 'i-b1' }),
      }),
    ]);
  });

  it('reports Unknown (VerifyTimedOut) when no result comes within the wait', async () => {
    const emu = await cloud.start(exampleScenario());
    emu.emulator.world.invocationRunningPolls = 1000;
    const cfg = config(webPairVerifyYaml());

    const report = await verifyPairing(
      cfg,
      'web-pair',
      { ...runtimeFor(emu).cloudAccess(cfg, fast.retry), log: silentLogger },
      { ...fast, maxWaitMs: 60 },
    );

    expect(report.directions.map((d) => [d.status, d.reason])).toEqual([
      ['Unknown', 'VerifyTimedOut'],
      ['Unknown', 'VerifyTimedOut'],
    ]);
  });
});
