import { describe, expect, it } from 'vitest';
import { callCounts, config, exampleConfig, exampleScenario, ingressRules, run, runtimeFor } from '../support/product';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

const cloud = useEmulator();

type Scenario = {
  accounts: { id: string; roles?: { name: string; trust: string[] }[] }[];
  securityGroups: unknown[];
  instances: unknown[];
};

describe('partial failure and batching', () => {
  it('an account whose role does not trust the hub fails its pairings with AccessDenied; the others apply', async () => {
    const scenario = exampleScenario() as Scenario;
    scenario.accounts.find((a) => a.id === ACCOUNT_B_ID)!.roles = [{ name: 'sg-pairing', trust: ['9999999999999999'] }];
    const emu = await cloud.start(scenario);
    const cfg = exampleConfig();

    const report = await run(cfg, runtimeFor(emu));

    expect(report.ok).toBe(false);
    expect(report.pairings).toEqual([
      expect.objectContaining({ name: 'app-db', status: 'Failed', reason: 'AccessDenied', retryable: false }),
      expect.objectContaining({
        name: 'web-pair',
        status: 'Changed',
        counts: { toAdd: 2, added: 2, failed: 0, toRevoke: 0, revoked: 0 },
      }),
    ]);
    expect(ingressRules(emu, 'sg-bp1azkttqpldxgte0001')).toEqual([]); // nothing half-applied for app-db
    expect(callCounts(emu).AssumeRole).toBe(2);
  });

  it('more than 100 missing rules in one group go out as two AuthorizeSecurityGroup calls', async () => {
    const instances = Array.from({ length: 130 }, (_, i) => ({
      id: `i-p${i}`,
      owner: ACCOUNT_A_ID,
      vpc: 'vpc-a',
      privateIp: `10.0.2.${i + 1}`,
      securityGroups: ['sg-a2'],
    }));
    const scenario = exampleScenario() as Scenario;
    scenario.instances.push(...instances);
    const emu = await cloud.start(scenario);
    const pairings = instances.map(
      (i) =>
        `  - { name: p${i.id.slice(3)}, between: [{ account: a, instance: ${i.id} }, { account: a, securityGroup: sg-a1 }], direction: first-to-second }`,
    );
    const cfg = config(
      `version: 1\nname: big\nregion: cn-qingdao\nroleName: sg-pairing\naccounts: { a: { id: "${ACCOUNT_A_ID}" } }\npairings:\n${pairings.join('\n')}\n`,
    );

    const report = await run(cfg, runtimeFor(emu));

    expect(report.pairings.filter((p) => p.status !== 'Changed')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts.rulesAdded).toBe(130);
    expect(ingressRules(emu, 'sg-a1')).toHaveLength(130);
    expect(callCounts(emu)).toMatchObject({ AuthorizeSecurityGroup: 2, DescribeInstances: 2, AssumeRole: 1 });
  });
});

describe('prerequisites read from the cloud', () => {
  it('refuses, before any write, a group reference into an enterprise group', async () => {
    const scenario = exampleScenario() as { securityGroups: { id: string; type?: string }[] };
    scenario.securityGroups.find((g) => g.id === 'sg-bp15ed6xe1yxeycg0002')!.type = 'enterprise';
    const emu = await cloud.start(scenario);

    const report = await run(
      config(`
version: 1
name: demo
region: cn-qingdao
accounts: { a: { id: "${ACCOUNT_A_ID}" }, b: { id: "${ACCOUNT_B_ID}" } }
pairings:
  - name: app-db
    strategy: group
    between: [{ account: a, securityGroup: sg-bp1azkttqpldxgte0001 }, { account: b, securityGroup: sg-bp15ed6xe1yxeycg0002 }]
`),
      runtimeFor(emu),
    );

    expect(report.pairings).toEqual([expect.objectContaining({ name: 'app-db', status: 'Blocked' })]);
    expect(report.pairings[0].reason).toMatch(/Enterprise/);
    expect(callCounts(emu).AuthorizeSecurityGroup).toBeUndefined();
    // per account: the type of its group-reference receiver, and the listing of the record tag (a full run)
    expect(callCounts(emu).DescribeSecurityGroups).toBe(4);
  });
});
