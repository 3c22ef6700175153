import { describe, expect, it } from 'vitest';
import type { IamPlan } from '../../shared/iam';
import { ACCOUNT_B_ID } from '../support/identities';
import { STALE_OWNED_RULE, withoutAction, withoutStatement } from '../support/least-privilege';
import { denials, leastPrivilegeAgainst, PLAN, reconcileAs, statuses } from '../support/least-privilege-run';
import { exampleConfig, ingressRules, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Least privilege, end to end: the emulator enforces the RAM policies `sg-pairing iam` generates
// (loaded as the roles' `policy:`), the product runs as a session of the hub role (FC's execution
// role), and each feature breaks without any one statement (the whole documents: least-privilege-granted).

const cloud = useEmulator();
const { start, fanOut } = leastPrivilegeAgainst(cloud);

describe('without any one statement, a named feature fails with Forbidden.RAM naming the operation', () => {
  const GROUP_ACTIONS = [
    'ecs:AuthorizeSecurityGroup',
    'ecs:DescribeSecurityGroupAttribute',
    'ecs:RevokeSecurityGroup',
    'ecs:TagResources',
  ];
  const LIST_ACTIONS = ['ecs:DescribeInstances', 'ecs:DescribeSecurityGroups', 'vpc:DescribeVpcs'];
  /** document, the statement's actions, the feature, and per pairing the operation refused (absent: it still converges) */
  const removals: {
    doc: string;
    actions: string[];
    feature: 'reconcile' | 'fan-out' | 'prune';
    failed: Record<string, string>;
  }[] = [
    {
      doc: 'hub',
      actions: ['sts:AssumeRole'],
      feature: 'reconcile',
      failed: { 'app-db': 'sts:AssumeRole', 'web-pair': 'sts:AssumeRole' },
    },
    {
      doc: 'hub',
      actions: ['fc:InvokeFunction'],
      feature: 'fan-out',
      failed: { 'app-db': 'fc:InvokeFunction', 'web-pair': 'fc:InvokeFunction' },
    },
    {
      doc: 'a',
      actions: GROUP_ACTIONS,
      feature: 'reconcile',
      failed: { 'app-db': 'ecs:DescribeSecurityGroupAttribute', 'web-pair': 'ecs:DescribeSecurityGroupAttribute' },
    },
    // the account's first reads go out together (its instances, the record's listing): either is refused first
    {
      doc: 'a',
      actions: LIST_ACTIONS,
      feature: 'reconcile',
      failed: {
        'app-db': 'ecs:DescribeInstances|ecs:DescribeSecurityGroups',
        'web-pair': 'ecs:DescribeInstances|ecs:DescribeSecurityGroups',
      },
    },
    {
      doc: 'b',
      actions: GROUP_ACTIONS,
      feature: 'reconcile',
      failed: { 'app-db': 'ecs:DescribeSecurityGroupAttribute' },
    },
    { doc: 'b', actions: LIST_ACTIONS, feature: 'reconcile', failed: { 'app-db': 'ecs:DescribeSecurityGroups' } },
    // app-db's rules reference the other account's group: AuthorizeSecurityGroup is also checked on the source group
    {
      doc: 'a',
      actions: ['ecs:AuthorizeSecurityGroup'],
      feature: 'reconcile',
      failed: { 'app-db': 'ecs:AuthorizeSecurityGroup' },
    },
    {
      doc: 'b',
      actions: ['ecs:AuthorizeSecurityGroup'],
      feature: 'reconcile',
      failed: { 'app-db': 'ecs:AuthorizeSecurityGroup' },
    },
    // UntagResources (on "*"): app-db removed, its group in the account is pruned but keeps the tag
    { doc: 'a', actions: ['ecs:UntagResources'], feature: 'prune', failed: { 'app-db': 'sg-bp1azkttqpldxgte0001' } },
    { doc: 'b', actions: ['ecs:UntagResources'], feature: 'prune', failed: { 'app-db': 'sg-bp15ed6xe1yxeycg0002' } },
  ];
  const documents = (plan: IamPlan) => [
    ['hub', plan.hub.permissionPolicy] as const,
    ...plan.accounts.map((a) => [a.alias, a.permissionPolicy] as const),
  ];

  it('the table names every statement but the two FC itself uses outside the emulator (dead letters, logs)', () => {
    const all = documents(PLAN).flatMap(([doc, p]) => p.Statement.map((s) => `${doc} ${s.Action.join(',')}`));
    const covered = removals.map((r) => `${r.doc} ${r.actions.join(',')}`);
    expect(all.filter((s) => !covered.includes(s))).toEqual(['hub mns:SendMessage', 'hub log:PostLogStoreLogs']);
    expect(covered.filter((s) => !all.includes(s))).toEqual([]);
  });

  const titled = removals.map(
    (r) =>
      [
        `${r.doc}: without the statement [${r.actions.join(', ')}], ${r.feature} fails (${Object.entries(r.failed)
          .map(([p, op]) => `${p}: ${op}`)
          .join('; ')})`,
        r,
      ] as const,
  );

  it.each(titled)('%s', async (_title, { doc, actions, feature, failed }) => {
    const index = documents(PLAN)
      .find(([d]) => d === doc)![1]
      .Statement.findIndex((s) => s.Action.join() === actions.join());
    const { emu: e, hub } = await start(
      withoutStatement(PLAN, doc, index),
      feature === 'fan-out' ? { SG_PAIRING_FANOUT_ACCOUNTS: '1' } : {},
    );

    if (feature === 'fan-out') {
      const { result } = await fanOut(e, hub);
      expect(result.ok).toBe(false);
      expect(result.failures).toEqual(
        [0, 1].map(() =>
          expect.objectContaining({ code: 'Forbidden.RAM', message: expect.stringContaining('fc:InvokeFunction') }),
        ),
      );
      expect(denials(e)).toEqual(['InvokeFunction', 'InvokeFunction']);
      return;
    }
    if (feature === 'prune') {
      await reconcileAs(e, hub);
      const pruned = await run(
        { ...exampleConfig(), pairings: exampleConfig().pairings.filter((p) => p.name !== 'app-db') },
        runtimeFor(e, hub),
      );
      expect(pruned.ok).toBe(true);
      expect(pruned.record?.warnings).toEqual([
        expect.objectContaining({
          code: 'RecordUntagFailed',
          groupId: failed['app-db'],
          message: expect.stringContaining('ecs:UntagResources'),
        }),
      ]);
      expect(denials(e)).toEqual(['UntagResources']);
      return;
    }
    const report = await reconcileAs(e, hub);
    for (const p of report.pairings) {
      const operation = failed[p.name];
      if (operation === undefined) {
        expect(p.status).toBe('Changed');
        continue;
      }
      // a refused AssumeRole is reported as AccessDenied (a retry cannot fix it); the RAM code stays in the message
      expect(p).toMatchObject({
        status: 'Failed',
        reason: operation === 'sts:AssumeRole' ? 'AccessDenied' : 'Forbidden.RAM',
        retryable: false,
      });
      expect(p.message).toContain('Forbidden.RAM');
      expect(operation.split('|').some((op) => p.message?.includes(op))).toBe(true);
    }
    expect(denials(e).length).toBeGreaterThan(0);
  });

  it('without ecs:AuthorizeSecurityGroup alone, the reads pass and the write is refused', async () => {
    const { emu: e, hub } = await start(withoutAction(PLAN, 'b', 'ecs:AuthorizeSecurityGroup'));

    const report = await reconcileAs(e, hub);

    expect(statuses(report)).toEqual({ 'app-db': 'Failed', 'web-pair': 'Changed' });
    expect(report.pairings.find((p) => p.name === 'app-db')).toMatchObject({
      reason: 'Forbidden.RAM',
      message: expect.stringContaining('ecs:AuthorizeSecurityGroup'),
    });
    expect(report.changes.filter((c) => c.status === 'failed')).toEqual([
      expect.objectContaining({ groupId: 'sg-bp15ed6xe1yxeycg0002', code: 'Forbidden.RAM', retryable: false }),
    ]);
    expect(denials(e)).toEqual(['AuthorizeSecurityGroup']);
  });

  it('without ecs:TagResources alone, the record is not written: the rules are added, the refused tag calls reported as warnings', async () => {
    const { emu: e, hub } = await start(withoutAction(PLAN, 'a', 'ecs:TagResources'));

    const report = await reconcileAs(e, hub);

    expect(report.ok).toBe(true);
    expect(statuses(report)).toEqual({ 'app-db': 'Changed', 'web-pair': 'Changed' });
    expect(report.record?.warnings.map((w) => [w.code, w.groupId])).toEqual([
      ['RecordTagFailed', 'sg-a1'],
      ['RecordTagFailed', 'sg-a2'],
      ['RecordTagFailed', 'sg-bp1azkttqpldxgte0001'],
    ]);
    expect(report.record?.warnings[0]?.message).toContain('ecs:TagResources');
    expect(report.record?.tagged).toEqual([`${ACCOUNT_B_ID}/sg-bp15ed6xe1yxeycg0002`]);
    // a refusal may be one group's (RAM scopes resources): the batch of three is split down to each group
    expect(denials(e)).toEqual(Array(5).fill('TagResources'));
  });

  it('without ecs:UntagResources alone, a group whose pairing is removed is pruned but keeps the tag, reported', async () => {
    const { emu: e, hub } = await start(withoutAction(PLAN, 'a', 'ecs:UntagResources'));
    await reconcileAs(e, hub);

    const report = await run(
      { ...exampleConfig(), pairings: exampleConfig().pairings.filter((p) => p.name !== 'app-db') },
      runtimeFor(e, hub),
    );

    expect(report.ok).toBe(true);
    // account b is used by no pairing now, yet still declared: the sweep lists it and prunes there too (b's policy is whole)
    expect(report.changes.map((c) => [c.groupId, c.pairing, c.action, c.status])).toEqual([
      ['sg-bp1azkttqpldxgte0001', 'app-db', 'revoke', 'applied'],
      ['sg-bp15ed6xe1yxeycg0002', 'app-db', 'revoke', 'applied'],
    ]);
    expect(report.record?.warnings).toEqual([
      expect.objectContaining({
        code: 'RecordUntagFailed',
        groupId: 'sg-bp1azkttqpldxgte0001',
        message: expect.stringContaining('ecs:UntagResources'),
      }),
    ]);
    expect(e.emulator.world.groups.get('sg-bp1azkttqpldxgte0001')!.tags).toEqual({ 'sg-pairing:demo': 'owned' });
    expect(e.emulator.world.groups.get('sg-bp15ed6xe1yxeycg0002')!.tags).toEqual({});
    expect(denials(e)).toEqual(['UntagResources']);
  });

  it('without ecs:RevokeSecurityGroup alone, pruning is refused: the stale owned rule stays, the rules to add are added', async () => {
    const { emu: e, hub } = await start(withoutAction(PLAN, 'a', 'ecs:RevokeSecurityGroup'));

    const report = await reconcileAs(e, hub);

    expect(report.pairings.find((p) => p.name === 'web-pair')).toMatchObject({
      status: 'Failed',
      reason: 'Forbidden.RAM',
      message: expect.stringContaining('ecs:RevokeSecurityGroup'),
    });
    expect(
      ingressRules(e, 'sg-a1')
        .map((r) => r.sourceCidrIp)
        .sort(),
    ).toEqual(['10.0.0.2/32', STALE_OWNED_RULE.sourceCidrIp]);
    expect(denials(e)).toEqual(['RevokeSecurityGroup']);
  });
});
