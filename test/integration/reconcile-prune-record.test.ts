import { describe, expect, it } from 'vitest';
import { authorize, client } from '../support/ecs-calls';
import type { RunningEmulator } from '../support/emulator-access';
import { callCounts, config, exampleScenario, oneAccountYaml, run, runtimeFor } from '../support/product';
import { ruleLines } from '../support/two-vpcs';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, ACCOUNT_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

// The record of where this deployment wrote: the tag sg-pairing:<deployment> on every group it adds
// rules to. A full sweep lists it, so a group no declared pairing receives in any more still has
// its owned rules pruned, and is then untagged.

const cloud = useEmulator();

const KEY = 'sg-pairing:demo';
const yaml = oneAccountYaml;
// into-x: sg-a2 (X) accepts 10.0.0.1; into-y: sg-a1 (Y) accepts 10.0.0.2; nothing else receives in sg-a1
const intoX = (extra = '') => `  - name: into-x
    direction: first-to-second
    between: [{ account: a, instance: i-a1 }, { account: a, securityGroup: sg-a2 }]
${extra}`;
const intoY = `  - name: into-y
    direction: first-to-second
    between: [{ account: a, instance: i-a2 }, { account: a, securityGroup: sg-a1 }]
`;
const foreign = ['ALL -1/-1 10.0.0.2/32 p2 by hand', 'ALL -1/-1 10.0.0.2/32 p3 sg-pairing:other:into-y'];
const tagsOf = (e: RunningEmulator, id: string) => e.emulator.world.groups.get(id)!.tags;
const writes = (e: RunningEmulator) =>
  e.emulator.calls.records
    .filter((c) => !c.action.startsWith('Describe') && c.action !== 'AssumeRole')
    .map((c) => c.action);

/** Both pairings applied (X and Y tagged), and two foreign rules for the same peer in Y. */
async function bothApplied() {
  const e = await cloud.start(exampleScenario());
  const runtime = runtimeFor(e);
  const first = await run(config(yaml(intoX() + intoY)), runtime);
  expect(first.counts).toMatchObject({ rulesAdded: 2, rulesRevoked: 0 });
  expect(first.record).toEqual({
    key: KEY,
    tagged: [`${ACCOUNT_A_ID}/sg-a1`, `${ACCOUNT_A_ID}/sg-a2`],
    untagged: [],
    warnings: [],
  });
  expect(callCounts(e)).toMatchObject({ TagResources: 1, AuthorizeSecurityGroup: 2, DescribeSecurityGroups: 1 });
  await authorize(client(e, ACCOUNT_CREDENTIALS[ACCOUNT_A_ID]), 'sg-a1', [
    { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.2/32', priority: '2', description: 'by hand' },
    {
      ipProtocol: 'ALL',
      portRange: '-1/-1',
      sourceCidrIp: '10.0.0.2/32',
      priority: '3',
      description: 'sg-pairing:other:into-y',
    },
  ]);
  e.emulator.calls.clear();
  return { e, runtime };
}

describe('the tag record', () => {
  it('removing the last pairing that receives in a group: the next sweep revokes exactly its rules there and untags it; the sweep after writes nothing', async () => {
    const { e, runtime } = await bothApplied();
    expect([tagsOf(e, 'sg-a1'), tagsOf(e, 'sg-a2')]).toEqual([{ [KEY]: 'owned' }, { [KEY]: 'owned' }]);

    const second = await run(config(yaml(intoX())), runtime);

    expect(second.ok).toBe(true);
    expect(second.changes.map((c) => [c.groupId, c.pairing, c.action, c.status])).toEqual([
      ['sg-a1', 'into-y', 'revoke', 'applied'],
    ]);
    expect(second.plan.groups.map((g) => [g.groupId, g.revoke?.map((r) => [r.pairing, r.reason])])).toEqual([
      ['sg-a1', [['into-y', 'PairingRemoved']]],
    ]);
    expect(second.record).toEqual({ key: KEY, tagged: [], untagged: [`${ACCOUNT_A_ID}/sg-a1`], warnings: [] });
    expect(ruleLines(e, 'sg-a1')).toEqual(foreign);
    expect(ruleLines(e, 'sg-a2')).toEqual(['ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:into-x']);
    expect([tagsOf(e, 'sg-a1'), tagsOf(e, 'sg-a2')]).toEqual([{}, { [KEY]: 'owned' }]);
    expect(writes(e)).toEqual(['RevokeSecurityGroup', 'UntagResources']);
    expect(callCounts(e)).toEqual({
      DescribeInstances: 1,
      DescribeSecurityGroups: 1,
      DescribeSecurityGroupAttribute: 2,
      RevokeSecurityGroup: 1,
      UntagResources: 1,
    });

    e.emulator.calls.clear();
    const third = await run(config(yaml(intoX())), runtime);

    expect(third.plan.counts).toMatchObject({ rulesToAdd: 0, rulesToRevoke: 0 });
    expect(third.plan.record).toEqual({ key: KEY, listed: true, tag: [], untag: [] });
    expect(writes(e)).toEqual([]);
    expect(callCounts(e)).toEqual({
      DescribeInstances: 1,
      DescribeSecurityGroups: 1,
      DescribeSecurityGroupAttribute: 2,
    }); // sg-a1 is forgotten as a record (untagged, no rule of ours), read only as i-a1's group: its egress (EgressBlocked)
  });

  it("a declared account no pairing uses any more is still listed by a sweep: its last pairing's rules there are pruned; a scoped run leaves it", async () => {
    const e = await cloud.start(exampleScenario());
    const runtime = runtimeFor(e);
    const twoAccounts = (pairings: string) =>
      yaml(pairings).replace(
        `accounts: { a: { id: "${ACCOUNT_A_ID}" } }`,
        `accounts: { a: { id: "${ACCOUNT_A_ID}" }, b: { id: "${ACCOUNT_B_ID}" } }`,
      );
    const db = 'sg-bp15ed6xe1yxeycg0002';
    const intoB = `  - name: into-b
    direction: first-to-second
    between: [{ account: a, instance: i-a1 }, { account: b, securityGroup: ${db} }]
`;
    const before = ruleLines(e, db);
    expect((await run(config(twoAccounts(intoX() + intoB)), runtime)).ok).toBe(true);
    expect(tagsOf(e, db)).toEqual({ [KEY]: 'owned' });

    const scoped = await run(config(twoAccounts(intoX())), runtime, { pairings: ['into-x'] });
    expect(scoped.plan.record?.listed ?? false).toBe(false);
    const laterShard = await run(config(twoAccounts(intoX())), runtime, { pairings: ['into-x'], sweep: true }); // not the first shard
    expect(laterShard.plan.record?.listed).toBe(true);
    expect(ruleLines(e, db)).toEqual([...before, 'ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:into-b'].sort());

    const sweep = await run(config(twoAccounts(intoX())), runtime);

    expect(sweep.ok).toBe(true);
    expect(sweep.changes.map((c) => [c.groupId, c.pairing, c.action, c.status])).toEqual([
      [db, 'into-b', 'revoke', 'applied'],
    ]);
    expect(sweep.record?.untagged).toEqual([`${ACCOUNT_B_ID}/${db}`]);
    expect(ruleLines(e, db)).toEqual(before);
    expect(tagsOf(e, db)).toEqual({});
  });

  it('prune: off only reports the rules (wouldRevoke), writes nothing and keeps the tag; with pruning off everywhere the record is not even listed', async () => {
    const { e, runtime } = await bothApplied();

    const report = await run(config(yaml(intoX('    prune: owned\n'), 'prune: off\n')), runtime);

    expect(report.ok).toBe(true);
    expect(report.plan.counts).toMatchObject({ rulesToRevoke: 0, rulesWouldRevoke: 1 });
    expect(
      report.plan.groups.map((g) => [g.groupId, g.revoke, g.wouldRevoke?.map((r) => [r.pairing, r.reason])]),
    ).toEqual([['sg-a1', undefined, [['into-y', 'PairingRemoved']]]]);
    expect(report.plan.record).toEqual({ key: KEY, listed: true, tag: [], untag: [] });
    expect(writes(e)).toEqual([]);
    expect(tagsOf(e, 'sg-a1')).toEqual({ [KEY]: 'owned' });
    expect(ruleLines(e, 'sg-a1')).toEqual(['ALL -1/-1 10.0.0.2/32 p1 sg-pairing:demo:into-y', ...foreign]);

    e.emulator.calls.clear();
    const allOff = await run(config(yaml(intoX(), 'prune: off\n')), runtime);

    expect(allOff.plan.record).toBeUndefined();
    expect(callCounts(e).DescribeSecurityGroups).toBeUndefined();
    expect(writes(e)).toEqual([]);
  });

  it('a scoped run (--pairing, an event) does not list the record; a fan-out shard (sweep) does', async () => {
    const { e, runtime } = await bothApplied();
    const cfg = config(yaml(intoX()));

    const scoped = await run(cfg, runtime, { pairings: ['into-x'] });

    expect(e.emulator.calls.records.filter((c) => c.action === 'DescribeSecurityGroups')).toEqual([]);
    expect(scoped.plan.record).toBeUndefined();
    expect(writes(e)).toEqual([]);
    expect(tagsOf(e, 'sg-a1')).toEqual({ [KEY]: 'owned' });

    const shard = await run(cfg, runtime, { pairings: ['into-x'], sweep: true });

    expect(
      e.emulator.calls.records.filter((c) => c.action === 'DescribeSecurityGroups').map((c) => c.params['Tag.1.Key']),
    ).toEqual([KEY]);
    expect(shard.changes.map((c) => [c.groupId, c.pairing, c.action])).toEqual([['sg-a1', 'into-y', 'revoke']]);
    expect(tagsOf(e, 'sg-a1')).toEqual({});
  });

  it('a warm process does not tag a group again; a cold one tags only the groups it adds to', async () => {
    const { e, runtime } = await bothApplied();
    const cfg = config(yaml(intoX() + intoY));
    const putBack = async (rt: ReturnType<typeof runtimeFor>) => {
      e.emulator.world.groups.get('sg-a2')!.rules = [];
      e.emulator.calls.clear();
      await run(cfg, rt, { pairings: ['into-x', 'into-y'] });
      return writes(e);
    };

    expect(await putBack(runtime)).toEqual(['AuthorizeSecurityGroup']);
    expect(await putBack(runtimeFor(e))).toEqual(['AuthorizeSecurityGroup', 'TagResources']);
    expect(e.emulator.calls.records.find((c) => c.action === 'TagResources')?.params).toMatchObject({
      ResourceType: 'securitygroup',
      'ResourceId.1': 'sg-a2',
      'Tag.1.Key': KEY,
      'Tag.1.Value': 'owned',
    });
    expect(
      e.emulator.calls.records.some((c) => c.action === 'TagResources' && c.params['ResourceId.2'] !== undefined),
    ).toBe(false);
  });

  it('a record left by an earlier run (declared in the scenario) is pruned by the first sweep of a new process', async () => {
    const scenario = exampleScenario() as {
      securityGroups: { id: string; rules?: unknown[]; tags?: Record<string, string> }[];
    };
    const sgA1 = scenario.securityGroups.find((g) => g.id === 'sg-a1')!;
    sgA1.tags = { [KEY]: 'owned', team: 'web' };
    sgA1.rules = [
      { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.9/32', description: 'sg-pairing:demo:old' },
      { ipProtocol: 'TCP', portRange: '22/22', sourceCidrIp: '10.0.0.9/32', description: 'by hand' },
    ];
    const e = await cloud.start(scenario);

    const report = await run(config(yaml(intoX())), runtimeFor(e));

    expect(report.changes.map((c) => [c.groupId, c.pairing, c.action])).toEqual([
      ['sg-a1', 'old', 'revoke'],
      ['sg-a2', 'into-x', 'add'],
    ]);
    expect(report.record).toEqual({
      key: KEY,
      tagged: [`${ACCOUNT_A_ID}/sg-a2`],
      untagged: [`${ACCOUNT_A_ID}/sg-a1`],
      warnings: [],
    });
    expect(ruleLines(e, 'sg-a1')).toEqual(['TCP 22/22 10.0.0.9/32 p1 by hand']);
    expect([tagsOf(e, 'sg-a1'), tagsOf(e, 'sg-a2')]).toEqual([{ team: 'web' }, { [KEY]: 'owned' }]);
  });

  it('a failed tag call fails no rule change: reported as a warning, tagged by the next sweep', async () => {
    const e = await cloud.start(exampleScenario());
    const runtime = runtimeFor(e);
    e.emulator.faults.set({ action: 'TagResources', failNext: { count: 1, code: 'InvalidParameter' } });

    const first = await run(config(yaml(intoX())), runtime);

    expect(first.ok).toBe(true);
    expect(first.counts).toMatchObject({ rulesAdded: 1, rulesFailed: 0 });
    expect(first.record?.warnings).toEqual([
      {
        code: 'RecordTagFailed',
        message: expect.stringContaining('InvalidParameter'),
        accountId: ACCOUNT_A_ID,
        groupId: 'sg-a2',
      },
    ]);
    expect(tagsOf(e, 'sg-a2')).toEqual({});

    const second = await run(config(yaml(intoX())), runtime);

    expect(second.plan.record?.tag).toEqual([{ accountId: ACCOUNT_A_ID, groupId: 'sg-a2' }]);
    expect(second.record?.tagged).toEqual([`${ACCOUNT_A_ID}/sg-a2`]);
    expect(tagsOf(e, 'sg-a2')).toEqual({ [KEY]: 'owned' });
  });
});
