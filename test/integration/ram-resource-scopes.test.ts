import { describe, expect, it } from 'vitest';
import type { IamPlan, PolicyStatement } from '../../shared/iam';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';
import { denials, leastPrivilegeAgainst, PLAN, reconcileAs, statuses } from '../support/least-privilege-run';
import { exampleConfig, ingressRules, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// RAM resource scopes as ECS documents them, with the generated policies loaded into the emulator:
// UntagResources has no resource-level authorization (granted on "*"), and AuthorizeSecurityGroup
// with a SourceGroupId is also authorized against the source group's ARN in its owner's account.

const cloud = useEmulator();
const { start } = leastPrivilegeAgainst(cloud);

const APP = 'sg-bp1azkttqpldxgte0001'; // account a
const DB = 'sg-bp15ed6xe1yxeycg0002'; // account b
const arnOf = (account: string, group: string) => `acs:ecs:cn-qingdao:${account}:securitygroup/${group}`;
const withoutAppDb = () => ({
  ...exampleConfig(),
  pairings: exampleConfig().pairings.filter((p) => p.name !== 'app-db'),
});

/** A copy of the plan with every statement of one account's document rewritten (emptied ones dropped). */
function editAccount(plan: IamPlan, alias: string, edit: (s: PolicyStatement) => PolicyStatement): IamPlan {
  return {
    ...plan,
    accounts: plan.accounts.map((a) =>
      a.alias !== alias
        ? a
        : {
            ...a,
            permissionPolicy: {
              ...a.permissionPolicy,
              Statement: a.permissionPolicy.Statement.map(edit).filter((s) => (s.Resource ?? []).length > 0),
            },
          },
    ),
  };
}

describe('RAM resource scopes of the generated policies', () => {
  it('grants UntagResources on "*" and AuthorizeSecurityGroup on the other account\'s referenced group', () => {
    const a = PLAN.accounts.find((x) => x.alias === 'a')!.permissionPolicy.Statement;
    const b = PLAN.accounts.find((x) => x.alias === 'b')!.permissionPolicy.Statement;

    for (const statements of [a, b])
      expect(statements.filter((s) => s.Action.includes('ecs:UntagResources'))).toEqual([
        { Effect: 'Allow', Action: ['ecs:UntagResources'], Resource: ['*'] },
      ]);
    expect(a).toContainEqual({
      Effect: 'Allow',
      Action: ['ecs:AuthorizeSecurityGroup'],
      Resource: [arnOf(ACCOUNT_B_ID, DB)],
    });
    expect(b).toContainEqual({
      Effect: 'Allow',
      Action: ['ecs:AuthorizeSecurityGroup'],
      Resource: [arnOf(ACCOUNT_A_ID, APP)],
    });
  });

  it('with exactly those policies, the cross-account references are authorized and pruning untags both groups', async () => {
    const { emu: e, hub } = await start(PLAN);

    const first = await reconcileAs(e, hub);
    const pruned = await run(withoutAppDb(), runtimeFor(e, hub));

    expect(statuses(first)).toEqual({ 'app-db': 'Changed', 'web-pair': 'Changed' });
    expect(first.changes.filter((c) => c.pairing === 'app-db').map((c) => [c.groupId, c.status])).toEqual([
      [APP, 'applied'],
      [DB, 'applied'],
    ]);
    expect(pruned.record).toMatchObject({
      untagged: [`${ACCOUNT_A_ID}/${APP}`, `${ACCOUNT_B_ID}/${DB}`],
      warnings: [],
    });
    expect(e.emulator.world.groups.get(APP)!.tags).toEqual({});
    expect(e.emulator.world.groups.get(DB)!.tags).toEqual({});
    expect(denials(e)).toEqual([]);
  });

  it('UntagResources scoped to the groups (as before) is refused: the groups keep the tag, each reported', async () => {
    const groupScoped = (account: string, group: string) => (s: PolicyStatement) =>
      s.Action.join() === 'ecs:UntagResources' ? { ...s, Resource: [arnOf(account, group)] } : s;
    const plan = editAccount(
      editAccount(PLAN, 'a', groupScoped(ACCOUNT_A_ID, APP)),
      'b',
      groupScoped(ACCOUNT_B_ID, DB),
    );
    const { emu: e, hub } = await start(plan);
    await reconcileAs(e, hub);

    const pruned = await run(withoutAppDb(), runtimeFor(e, hub));

    expect(pruned.ok).toBe(true);
    expect(pruned.record?.warnings.map((w) => [w.code, w.groupId])).toEqual([
      ['RecordUntagFailed', APP],
      ['RecordUntagFailed', DB],
    ]);
    expect(pruned.record?.warnings[0]?.message).toContain('Forbidden.RAM');
    expect(e.emulator.world.groups.get(APP)!.tags).toEqual({ 'sg-pairing:demo': 'owned' });
    expect(denials(e)).toEqual(['UntagResources', 'UntagResources']);
  });

  it("without the source group's ARN, the receiving account's reference is refused with Forbidden.RAM naming it", async () => {
    const source = arnOf(ACCOUNT_A_ID, APP);
    const plan = editAccount(PLAN, 'b', (s) => ({ ...s, Resource: (s.Resource ?? []).filter((r) => r !== source) }));
    const { emu: e, hub } = await start(plan);

    const report = await reconcileAs(e, hub);

    expect(statuses(report)).toEqual({ 'app-db': 'Failed', 'web-pair': 'Changed' });
    expect(report.pairings.find((p) => p.name === 'app-db')).toMatchObject({
      reason: 'Forbidden.RAM',
      message: expect.stringContaining(`ecs:AuthorizeSecurityGroup on ${source}`),
    });
    expect(report.changes.filter((c) => c.status === 'failed')).toEqual([
      expect.objectContaining({ groupId: DB, code: 'Forbidden.RAM', retryable: false }),
    ]);
    expect(ingressRules(e, DB)).toEqual([]);
    expect(ingressRules(e, APP).map((r) => r.sourceGroupId)).toEqual([DB]); // a's side, granted, is written
    expect(denials(e)).toEqual(['AuthorizeSecurityGroup']);
  });
});
