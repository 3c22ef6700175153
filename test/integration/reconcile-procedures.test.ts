import { describe, expect, it } from 'vitest';
import { callCounts, exampleConfig, exampleScenario, ingressRules, run, runtimeFor } from '../support/product';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

const cloud = useEmulator();

const view = (rules: ReturnType<typeof ingressRules>) =>
  rules.map((r) => ({
    ipProtocol: r.ipProtocol,
    portRange: r.portRange,
    peer: r.sourceCidrIp || `${r.sourceGroupId}@${r.sourceGroupOwnerId}`,
    description: r.description,
  }));

describe("the source document's two procedures, through the real SDKs", () => {
  it('adds exactly the four rules of both procedures, then converges', async () => {
    // Prepare
    const emu = await cloud.start(exampleScenario());
    const runtime = runtimeFor(emu);
    // Act
    const report = await run(exampleConfig(), runtime);
    // Assess
    expect(report.ok).toBe(true);
    expect(report.pairings.map((p) => [p.name, p.status, p.counts.added])).toEqual([
      ['app-db', 'Changed', 2],
      ['web-pair', 'Changed', 2],
    ]);
    expect(view(ingressRules(emu, 'sg-a1'))).toEqual([
      { ipProtocol: 'ALL', portRange: '-1/-1', peer: '10.0.0.2/32', description: 'sg-pairing:demo:web-pair' },
    ]);
    expect(view(ingressRules(emu, 'sg-a2'))).toEqual([
      { ipProtocol: 'ALL', portRange: '-1/-1', peer: '10.0.0.1/32', description: 'sg-pairing:demo:web-pair' },
    ]);
    expect(view(ingressRules(emu, 'sg-bp1azkttqpldxgte0001'))).toEqual([
      {
        ipProtocol: 'ALL',
        portRange: '-1/-1',
        peer: `sg-bp15ed6xe1yxeycg0002@${ACCOUNT_B_ID}`,
        description: 'sg-pairing:demo:app-db',
      },
    ]);
    expect(view(ingressRules(emu, 'sg-bp15ed6xe1yxeycg0002'))).toEqual([
      {
        ipProtocol: 'ALL',
        portRange: '-1/-1',
        peer: `sg-bp1azkttqpldxgte0001@${ACCOUNT_A_ID}`,
        description: 'sg-pairing:demo:app-db',
      },
    ]);
    expect(callCounts(emu).AuthorizeSecurityGroup).toBe(4);
  });

  it('applying twice writes nothing the second time', async () => {
    const emu = await cloud.start(exampleScenario());
    const runtime = runtimeFor(emu);
    await run(exampleConfig(), runtime);
    const writesBefore = callCounts(emu).AuthorizeSecurityGroup;

    const second = await run(exampleConfig(), runtime);

    expect(second.pairings.map((p) => p.status)).toEqual(['InSync', 'InSync']);
    expect(second.counts.rulesAdded).toBe(0);
    expect(callCounts(emu).AuthorizeSecurityGroup).toBe(writesBefore);
    expect(callCounts(emu).AssumeRole).toBe(2); // one per account, reused by the second run
  });

  it('a rule already present, made by hand in another spelling, is satisfied and not duplicated', async () => {
    const scenario = exampleScenario() as { securityGroups: { id: string; rules?: unknown[] }[] };
    scenario.securityGroups.find((g) => g.id === 'sg-a1')!.rules = [
      { ipProtocol: 'all', portRange: '-1/-1', sourceCidrIp: '10.0.0.2', description: 'by hand' },
    ];
    const emu = await cloud.start(scenario);

    const report = await run(exampleConfig(), runtimeFor(emu), { pairings: ['web-pair'] });

    expect(report.pairings).toEqual([
      expect.objectContaining({
        name: 'web-pair',
        status: 'Changed',
        counts: { toAdd: 1, added: 1, failed: 0, toRevoke: 0, revoked: 0 },
      }),
    ]);
    expect(view(ingressRules(emu, 'sg-a1'))).toEqual([
      { ipProtocol: 'ALL', portRange: '-1/-1', peer: '10.0.0.2', description: 'by hand' },
    ]);
  });

  it('a dry run reads and plans but writes nothing', async () => {
    const emu = await cloud.start(exampleScenario());
    const report = await run(exampleConfig(), runtimeFor(emu), { dryRun: true });
    expect(report.mode).toBe('plan');
    expect(report.plan.counts.rulesToAdd).toBe(4);
    expect(report.pairings.map((p) => p.status)).toEqual(['Pending', 'Pending']);
    expect(callCounts(emu).AuthorizeSecurityGroup).toBeUndefined();
  });
});
