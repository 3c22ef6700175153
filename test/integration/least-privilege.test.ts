import * as $Ecs from '@alicloud/ecs20140526';
import * as $Sts from '@alicloud/sts20150401';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handler as instanceEvents } from '../../functions/instance-events';
import { handler as reconcileWorker } from '../../functions/reconcile-worker';
import { handler as scheduledReconcile } from '../../functions/scheduled-reconcile';
import { computeIamPlan, type IamPlan } from '../../shared/iam';
import type { RunReport } from '../../shared/reconcile';
import type { EventsResult } from '../../shared/triggers/eventbridge';
import { ecsClient, stsClient, type Creds } from '../support/clients';
import type { RunningEmulator } from '../support/emulator-access';
import { captureLogs, fcContext, useFunctionEnv, type CapturedLogs } from '../support/function-calls';
import {
  hubSession,
  HUB_ROLE_ARN,
  scenarioWithPolicies,
  STALE_OWNED_RULE,
  UNDECLARED_GROUP,
  UNDECLARED_ROLE_ARN,
  withoutAction,
  withoutStatement,
} from '../support/least-privilege';
import { examples, exampleConfig, ingressRules, run, runtimeFor, startWith } from '../support/product';
import { HUB_ACCOUNT_ID, ACCOUNT_B_ID, ACCOUNT_A_CREDENTIALS } from '../support/identities';

// Least privilege, end to end: the emulator enforces the RAM policies `sg-pairing iam` generates
// (loaded as the roles' `policy:`), the product runs as a session of the hub role (FC's execution
// role), and every feature works with exactly those documents and breaks without any one statement.

const PAIRINGS_YAML = readFileSync(resolve(examples, 'pairings.yaml'), 'utf8');
const WORKER = 'sg-pairing-reconcile-worker';
const TIMER = Buffer.from(
  JSON.stringify({ triggerTime: '2026-11-29T09:00:00Z', triggerName: 'every-10-minutes', payload: '' }),
);
const PLAN = computeIamPlan(exampleConfig(), { hubRoleArn: HUB_ROLE_ARN });

let emu: RunningEmulator | undefined;
let undoEnv: (() => void) | undefined;
let logs: CapturedLogs | undefined;

afterEach(async () => {
  logs?.restore();
  undoEnv?.();
  await emu?.close();
  [emu, undoEnv, logs] = [undefined, undefined, undefined];
});

/** The example world (plus a stale rule to prune) under the plan's policies; the product's identity is a hub-role session. */
async function start(
  plan: IamPlan,
  env: Record<string, string> = {},
): Promise<{ emu: RunningEmulator; hub: Required<Creds> }> {
  emu = await startWith(scenarioWithPolicies(plan, { staleOwnedRule: true }));
  undoEnv = useFunctionEnv(emu, PAIRINGS_YAML, { SG_PAIRING_RETRY_MAX_ATTEMPTS: '2', ...env });
  return { emu, hub: await hubSession(emu) };
}

const reconcileAs = (e: RunningEmulator, hub: Creds, dryRun = false): Promise<RunReport> =>
  run(exampleConfig(), runtimeFor(e, hub), { dryRun });
const statuses = (report: RunReport) => Object.fromEntries(report.pairings.map((p) => [p.name, p.status]));
const denials = (e: RunningEmulator) =>
  e.emulator.calls.records.filter((c) => c.code === 'Forbidden.RAM').map((c) => c.action);

/** The scheduled reconcile fanned out (one account per shard): the worker runs as the hub role too. */
async function fanOut(e: RunningEmulator, hub: Creds) {
  e.emulator.functions.register(WORKER, reconcileWorker, { role: HUB_ROLE_ARN });
  logs = captureLogs();
  const result = (await scheduledReconcile(
    TIMER,
    fcContext('sg-pairing-scheduled-reconcile', { credentials: hub }),
  )) as { ok: boolean; failures: { code: string; message: string }[] };
  const invocations = await e.emulator.functions.settled();
  logs.restore();
  return { result, invocations };
}

describe('with exactly the generated policies', () => {
  it('a reconcile of the example pairings converges (pruning a stale rule it owns), then finds nothing to do; no call is refused', async () => {
    const { emu: e, hub } = await start(PLAN);

    const first = await reconcileAs(e, hub);
    const second = await reconcileAs(e, hub);

    expect(statuses(first)).toEqual({ 'app-db': 'Changed', 'web-pair': 'Changed' });
    expect(ingressRules(e, 'sg-a1').map((r) => r.sourceCidrIp)).toEqual(['10.0.0.2/32']); // 10.0.0.9 pruned
    expect(statuses(second)).toEqual({ 'app-db': 'InSync', 'web-pair': 'InSync' });
    expect(denials(e)).toEqual([]);
  });

  it('the instance-events path puts a revoked rule back', async () => {
    const { emu: e, hub } = await start(PLAN);
    await reconcileAs(e, hub);
    e.emulator.events.clear();
    await ecsClient(e.url, ACCOUNT_A_CREDENTIALS).revokeSecurityGroup(
      new $Ecs.RevokeSecurityGroupRequest({
        regionId: 'cn-qingdao',
        securityGroupId: 'sg-a1',
        permissions: [
          new $Ecs.RevokeSecurityGroupRequestPermissions({
            ipProtocol: 'ALL',
            portRange: '-1/-1',
            sourceCidrIp: '10.0.0.2/32',
          }),
        ],
      }),
    );
    const [event] = e.emulator.events
      .ofType('ecs:ActionTrail:ApiCall')
      .filter((x) => x.data.eventName === 'RevokeSecurityGroup');
    logs = captureLogs();

    const result = (await instanceEvents(
      Buffer.from(JSON.stringify(event)),
      fcContext('sg-pairing-instance-events', { credentials: hub }),
    )) as EventsResult;

    expect(result).toMatchObject({
      status: 'Reconciled',
      pairings: ['web-pair'],
      report: { ok: true, pairings: [{ name: 'web-pair', status: 'Changed' }] },
    });
    expect(ingressRules(e, 'sg-a1')).toHaveLength(1);
    expect(denials(e)).toEqual([]);
  });

  it('the scheduled fan-out invokes the worker, which converges every pairing', async () => {
    const { emu: e, hub } = await start(PLAN, { SG_PAIRING_FANOUT_ACCOUNTS: '1' });

    const { result, invocations } = await fanOut(e, hub);

    expect(result).toMatchObject({ ok: true, failures: [] });
    expect(invocations.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    expect(statuses(await reconcileAs(e, hub, true))).toEqual({ 'app-db': 'InSync', 'web-pair': 'InSync' });
    expect(denials(e)).toEqual([]);
  });

  it('the features call exactly the actions granted: none refused, none granted in vain', async () => {
    const { emu: e, hub } = await start(PLAN, { SG_PAIRING_FANOUT_ACCOUNTS: '1' });
    await fanOut(e, hub); // scheduled fan-out: InvokeFunction, then each worker reconciles, prunes and tags its groups
    // app-db removed (the role keeps its grants until a sweep has pruned): its group in account a is pruned and untagged
    await run(
      { ...exampleConfig(), pairings: exampleConfig().pairings.filter((p) => p.name !== 'app-db') },
      runtimeFor(e, hub),
    );
    expect(e.emulator.world.groups.get('sg-bp1azkttqpldxgte0001')!.tags).toEqual({});
    await ecsClient(e.url, ACCOUNT_A_CREDENTIALS).revokeSecurityGroup(
      new $Ecs.RevokeSecurityGroupRequest({
        regionId: 'cn-qingdao',
        securityGroupId: 'sg-a2',
        permissions: [
          new $Ecs.RevokeSecurityGroupRequestPermissions({
            ipProtocol: 'ALL',
            portRange: '-1/-1',
            sourceCidrIp: '10.0.0.1/32',
          }),
        ],
      }),
    );
    const [event] = e.emulator.events
      .ofType('ecs:ActionTrail:ApiCall')
      .filter((x) => x.data.eventName === 'RevokeSecurityGroup');
    logs = captureLogs();
    await instanceEvents(
      Buffer.from(JSON.stringify(event)),
      fcContext('sg-pairing-instance-events', { credentials: hub }),
    );

    const service = (action: string) => (action === 'AssumeRole' ? 'sts' : action === 'InvokeFunction' ? 'fc' : 'ecs');
    const sessionKeys = new Set(e.emulator.world.sessions.keys());
    const called = new Set(
      e.emulator.calls.records
        .filter((c) => sessionKeys.has(c.accessKeyId))
        .map((c) => `${service(c.action)}:${c.action}`),
    );
    const granted = new Set(
      [PLAN.hub.permissionPolicy, ...PLAN.accounts.map((a) => a.permissionPolicy)].flatMap((p) =>
        p.Statement.flatMap((st) => st.Action),
      ),
    );
    granted.delete('mns:SendMessage'); // FC itself sends dead letters and ships logs: not emulated
    granted.delete('log:PostLogStoreLogs');
    expect([...called].sort()).toEqual([...granted].sort());
    expect(denials(e)).toEqual([]);
  });

  it('the hub may assume only the declared roles; a member role writes only to the declared groups', async () => {
    const { emu: e, hub } = await start(PLAN);
    const refusal = async (p: Promise<unknown>) => {
      const err = (await p.then(
        () => ({}),
        (x: unknown) => x,
      )) as {
        code?: string;
        statusCode?: number;
        data?: { Message?: string; AccessDeniedDetail?: Record<string, unknown> };
      };
      return {
        code: err.code,
        statusCode: err.statusCode,
        message: err.data?.Message,
        detail: err.data?.AccessDeniedDetail,
      };
    };

    const undeclared = await refusal(
      stsClient(e.url, hub).assumeRole(
        new $Sts.AssumeRoleRequest({ roleArn: UNDECLARED_ROLE_ARN, roleSessionName: 'probe' }),
      ),
    );
    const b = (
      await stsClient(e.url, hub).assumeRole(
        new $Sts.AssumeRoleRequest({ roleArn: `acs:ram::${ACCOUNT_B_ID}:role/sg-pairing`, roleSessionName: 'probe' }),
      )
    ).body!.credentials!;
    const asB = ecsClient(e.url, {
      accessKeyId: b.accessKeyId!,
      accessKeySecret: b.accessKeySecret!,
      securityToken: b.securityToken!,
    });
    const write = await refusal(
      asB.authorizeSecurityGroup(
        new $Ecs.AuthorizeSecurityGroupRequest({
          regionId: 'cn-qingdao',
          securityGroupId: UNDECLARED_GROUP,
          permissions: [
            new $Ecs.AuthorizeSecurityGroupRequestPermissions({
              ipProtocol: 'ALL',
              portRange: '-1/-1',
              sourceCidrIp: '0.0.0.0/0',
            }),
          ],
        }),
      ),
    );
    const read = await refusal(
      asB.describeSecurityGroupAttribute(
        new $Ecs.DescribeSecurityGroupAttributeRequest({ regionId: 'cn-qingdao', securityGroupId: UNDECLARED_GROUP }),
      ),
    );
    const listed = await asB.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: 'cn-qingdao' }));

    expect(undeclared).toMatchObject({
      code: 'Forbidden.RAM',
      statusCode: 403,
      message: expect.stringContaining(`sts:AssumeRole on ${UNDECLARED_ROLE_ARN}`),
    });
    expect(undeclared.detail).toEqual({
      AuthAction: 'sts:AssumeRole',
      AuthPrincipalType: 'AssumedRoleUser',
      AuthPrincipalOwnerId: HUB_ACCOUNT_ID,
      AuthPrincipalDisplayName: 'sg-pairing-hub:fc-sg-pairing',
      NoPermissionType: 'ImplicitDeny',
      PolicyType: 'AccountLevelIdentityBasedPolicy',
      EncodedDiagnosticMessage: expect.any(String),
    });
    expect(write).toMatchObject({
      code: 'Forbidden.RAM',
      statusCode: 403,
      detail: { AuthAction: 'ecs:AuthorizeSecurityGroup' },
    });
    expect(read).toMatchObject({ code: 'Forbidden.RAM', detail: { AuthAction: 'ecs:DescribeSecurityGroupAttribute' } });
    expect(listed.body!.securityGroups!.securityGroup!.map((g) => g.securityGroupId)).toContain(UNDECLARED_GROUP); // list actions are granted on "*"
    expect(e.emulator.world.groups.get(UNDECLARED_GROUP)!.rules).toEqual([]);
  });
});

describe('without any one statement, a named feature fails with Forbidden.RAM naming the operation', () => {
  const GROUP_ACTIONS = [
    'ecs:AuthorizeSecurityGroup',
    'ecs:DescribeSecurityGroupAttribute',
    'ecs:RevokeSecurityGroup',
    'ecs:TagResources',
    'ecs:UntagResources',
  ];
  const LIST_ACTIONS = ['ecs:DescribeInstances', 'ecs:DescribeSecurityGroups'];
  /** document, the statement's actions, the feature, and per pairing the operation refused (absent: it still converges) */
  const removals: {
    doc: string;
    actions: string[];
    feature: 'reconcile' | 'fan-out';
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
    expect(denials(e)).toEqual(['TagResources']);
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
