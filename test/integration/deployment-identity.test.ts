import { describe, expect, it } from 'vitest';
import { authorize, client } from '../support/ecs-calls';
import type { RunningEmulator } from '../support/emulator-access';
import { callCounts, config, exampleScenario, oneAccountYaml, run, runtimeFor } from '../support/product';
import { ruleLines } from '../support/two-vpcs';
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_ID } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

// Deployment identity (issue 15, item 3): a deployment that declares `deploymentId` marks its rules
// `sg-pairing:<name>:<pairing>:<id>` and its record `owned:<id>`, so another deployment reusing the name
// (another hub, another config file) neither prunes its rules nor is pruned by it; rules a version before
// ids wrote (`sg-pairing:<name>:<pairing>`, record `owned`) are claimed without being revoked or re-added.

const cloud = useEmulator();

const KEY = 'sg-pairing:demo';
// into-x: sg-a2 accepts 10.0.0.1 (i-a1); into-y: sg-a1 accepts 10.0.0.2 (i-a2)
const intoX = `  - name: into-x
    direction: first-to-second
    between: [{ account: a, instance: i-a1 }, { account: a, securityGroup: sg-a2 }]
`;
const intoY = `  - name: into-y
    direction: first-to-second
    between: [{ account: a, instance: i-a2 }, { account: a, securityGroup: sg-a1 }]
`;
const withId = (id: string, pairings: string) => config(oneAccountYaml(pairings, `deploymentId: ${id}\n`));
const tagsOf = (e: RunningEmulator, id: string) => e.emulator.world.groups.get(id)!.tags;
const ruleIds = (e: RunningEmulator) =>
  ['sg-a1', 'sg-a2'].map((g) => e.emulator.world.groups.get(g)!.rules.find((r) => r.direction === 'ingress')!.ruleId);
const groupLines = (e: RunningEmulator) => ({ 'sg-a1': ruleLines(e, 'sg-a1'), 'sg-a2': ruleLines(e, 'sg-a2') });

describe('deployment identity', () => {
  it('two deployments named demo (ids team-a and team-b): neither prunes the other, and each run names both', async () => {
    const e = await cloud.start(exampleScenario());
    const first = await run(withId('team-a', intoX + intoY), runtimeFor(e));
    expect(first.ok).toBe(true);
    expect(groupLines(e)).toEqual({
      'sg-a1': ['ALL -1/-1 10.0.0.2/32 p1 sg-pairing:demo:into-y:team-a'],
      'sg-a2': ['ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:into-x:team-a'],
    });
    expect(tagsOf(e, 'sg-a2')).toEqual({ [KEY]: 'owned:team-a' });
    e.emulator.calls.clear();

    // team-b (another config file, its own process) wants only a tcp/22 pairing into sg-a2
    const other = `  - name: ssh-x
    direction: first-to-second
    between: [{ account: a, instance: i-a1 }, { account: a, securityGroup: sg-a2 }]
    protocol: tcp
    ports: 22/22
`;
    const second = await run(withId('team-b', other), runtimeFor(e));

    expect(callCounts(e).RevokeSecurityGroup).toBeUndefined();
    expect(second.changes.map((c) => [c.groupId, c.pairing, c.action, c.status])).toEqual([
      ['sg-a2', 'ssh-x', 'add', 'applied'],
    ]);
    const held = second.record?.warnings.filter((w) => w.code === 'DeploymentNameHeld') ?? [];
    expect(held.map((w) => w.groupId)).toEqual(['sg-a2']);
    expect(held[0]?.message).toMatch(/sg-a2.*team-a.*team-b/);
    expect(tagsOf(e, 'sg-a2')).toEqual({ [KEY]: 'owned:team-a' }); // team-b does not take the record

    // team-a again: team-b's rule in sg-a2 is not its own; it prunes nothing there either, and says so
    e.emulator.calls.clear();
    const third = await run(withId('team-a', intoX + intoY), runtimeFor(e));
    expect(callCounts(e).RevokeSecurityGroup).toBeUndefined();
    expect(third.record?.warnings.map((w) => [w.code, w.groupId])).toEqual([['DeploymentNameHeld', 'sg-a2']]);
    expect(third.record?.warnings[0]?.message).toMatch(/team-b.*team-a/);
    expect(groupLines(e)).toEqual({
      'sg-a1': ['ALL -1/-1 10.0.0.2/32 p1 sg-pairing:demo:into-y:team-a'],
      'sg-a2': [
        'ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:into-x:team-a',
        'TCP 22/22 10.0.0.1/32 p1 sg-pairing:demo:ssh-x:team-b',
      ],
    });

    // a deployment named demo with no id (legacy markers) leaves team-a's groups alone as well
    e.emulator.calls.clear();
    const legacy = await run(config(oneAccountYaml(other.replace('sg-a2', 'sg-a1'))), runtimeFor(e));
    expect(legacy.ok).toBe(true);
    expect(callCounts(e).RevokeSecurityGroup).toBeUndefined();
    expect(legacy.record?.warnings.map((w) => [w.code, w.groupId])).toEqual([['DeploymentNameHeld', 'sg-a1']]);
    expect(ruleLines(e, 'sg-a1')).toEqual([
      'ALL -1/-1 10.0.0.2/32 p1 sg-pairing:demo:into-y:team-a',
      'TCP 22/22 10.0.0.1/32 p1 sg-pairing:demo:ssh-x',
    ]);
  });

  it('rules and a record written before ids (legacy marker, value owned) are claimed: nothing revoked or re-added', async () => {
    const e = await cloud.start(exampleScenario());
    // what the version before ids wrote for into-x and into-y, by hand through the SDK
    const a = client(e, ACCOUNT_A_CREDENTIALS);
    await authorize(a, 'sg-a2', [
      { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.1/32', description: 'sg-pairing:demo:into-x' },
    ]);
    await authorize(a, 'sg-a1', [
      { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.2/32', description: 'sg-pairing:demo:into-y' },
    ]);
    e.emulator.world.groups.get('sg-a1')!.tags = { [KEY]: 'owned' };
    e.emulator.world.groups.get('sg-a2')!.tags = { [KEY]: 'owned' };
    const idsBefore = ruleIds(e);
    e.emulator.calls.clear();

    const migrated = await run(withId('team-a', intoX + intoY), runtimeFor(e));

    expect(migrated.ok).toBe(true);
    const counts = callCounts(e);
    expect([counts.AuthorizeSecurityGroup, counts.RevokeSecurityGroup]).toEqual([undefined, undefined]);
    expect(migrated.plan.counts).toMatchObject({ rulesToAdd: 0, rulesToRevoke: 0 });
    expect([tagsOf(e, 'sg-a1'), tagsOf(e, 'sg-a2')]).toEqual([{ [KEY]: 'owned:team-a' }, { [KEY]: 'owned:team-a' }]);
    // the same two rules (same ids), their markers rewritten in place
    expect(counts.ModifySecurityGroupRule).toBe(2);
    expect(migrated.record?.remarked).toEqual([
      `${ACCOUNT_A_ID}/sg-a1/${idsBefore[0]}`,
      `${ACCOUNT_A_ID}/sg-a2/${idsBefore[1]}`,
    ]);
    expect(ruleIds(e)).toEqual(idsBefore);
    expect(groupLines(e)).toEqual({
      'sg-a1': ['ALL -1/-1 10.0.0.2/32 p1 sg-pairing:demo:into-y:team-a'],
      'sg-a2': ['ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:into-x:team-a'],
    });

    // a run after the migration: still nothing to write, and the claimed rules are pruned as owned
    e.emulator.calls.clear();
    const again = await run(withId('team-a', intoX + intoY), runtimeFor(e));
    expect(again.plan.counts).toMatchObject({ rulesToAdd: 0, rulesToRevoke: 0 });
    expect(Object.keys(callCounts(e)).filter((k) => !k.startsWith('Describe') && k !== 'AssumeRole')).toEqual([]);
    const removed = await run(withId('team-a', intoX), runtimeFor(e));
    expect(removed.changes.map((c) => [c.groupId, c.pairing, c.action, c.status])).toEqual([
      ['sg-a1', 'into-y', 'revoke', 'applied'],
    ]);
  });

  it('legacy-marked rules in a group whose record names another deployment (team-b claimed it) are not pruned by team-a', async () => {
    const e = await cloud.start(exampleScenario());
    await authorize(client(e, ACCOUNT_A_CREDENTIALS), 'sg-a2', [
      { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.9/32', description: 'sg-pairing:demo:into-x' },
    ]);
    e.emulator.world.groups.get('sg-a2')!.tags = { [KEY]: 'owned:team-b' };
    e.emulator.calls.clear();

    const report = await run(withId('team-a', intoX), runtimeFor(e));

    expect(callCounts(e).RevokeSecurityGroup).toBeUndefined();
    expect(report.record?.warnings.map((w) => [w.code, w.groupId])).toEqual([['DeploymentNameHeld', 'sg-a2']]);
    expect(ruleLines(e, 'sg-a2')).toEqual([
      'ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:into-x:team-a',
      'ALL -1/-1 10.0.0.9/32 p1 sg-pairing:demo:into-x',
    ]);
    expect(tagsOf(e, 'sg-a2')).toEqual({ [KEY]: 'owned:team-b' });
  });

  it('a rewrite the cloud refuses (ModifySecurityGroupRule on "All Resources", not granted): warned; the rule stays, still owned through the claimed record', async () => {
    const e = await cloud.start(exampleScenario());
    await authorize(client(e, ACCOUNT_A_CREDENTIALS), 'sg-a2', [
      { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.1/32', description: 'sg-pairing:demo:into-x' },
    ]);
    e.emulator.world.groups.get('sg-a2')!.tags = { [KEY]: 'owned' };
    e.emulator.faults.set({ action: 'ModifySecurityGroupRule', failNext: { count: 1, code: 'Forbidden.RAM' } });
    e.emulator.calls.clear();

    const refused = await run(withId('team-a', intoX), runtimeFor(e));

    expect(refused.ok).toBe(true);
    expect(refused.record?.warnings.map((w) => [w.code, w.groupId])).toEqual([['RemarkFailed', 'sg-a2']]);
    expect(Object.keys(callCounts(e)).filter((k) => /Authorize|Revoke/.test(k))).toEqual([]);
    expect(ruleLines(e, 'sg-a2')).toEqual(['ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:into-x']);
    expect(tagsOf(e, 'sg-a2')).toEqual({ [KEY]: 'owned:team-a' });

    // the pairing removed: the legacy rule is still this deployment's (the record says so), and pruned
    const removed = await run(withId('team-a', intoY), runtimeFor(e));
    expect(removed.changes.filter((c) => c.action === 'revoke').map((c) => [c.groupId, c.pairing])).toEqual([
      ['sg-a2', 'into-x'],
    ]);
  });
});
