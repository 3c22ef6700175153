import * as $Ecs from '@alicloud/ecs20140526';
import * as $Sts from '@alicloud/sts20150401';
import { describe, expect, it } from 'vitest';
import { handler as instanceEvents } from '../../functions/instance-events';
import type { EventsResult } from '../../shared/triggers/eventbridge';
import { ecsClient, stsClient } from '../support/clients';
import { fcContext } from '../support/function-calls';
import { HUB_ACCOUNT_ID, ACCOUNT_B_ID, ACCOUNT_A_CREDENTIALS } from '../support/identities';
import { UNDECLARED_GROUP, UNDECLARED_ROLE_ARN } from '../support/least-privilege';
import { denials, leastPrivilegeAgainst, PLAN, reconcileAs, statuses } from '../support/least-privilege-run';
import { exampleConfig, ingressRules, revokeWebPairRuleByHand, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Least privilege, end to end: the emulator enforces the RAM policies `sg-pairing iam` generates
// (loaded as the roles' `policy:`), the product runs as a session of the hub role (FC's execution
// role), and every feature works with exactly those documents (the missing statements: least-privilege-removed).

const cloud = useEmulator();
const { start, fanOut } = leastPrivilegeAgainst(cloud);

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
    await revokeWebPairRuleByHand(e);
    const [event] = e.emulator.events
      .ofType('ecs:ActionTrail:ApiCall')
      .filter((x) => x.data.eventName === 'RevokeSecurityGroup');
    cloud.captureLogs();

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
    cloud.captureLogs();
    await instanceEvents(
      Buffer.from(JSON.stringify(event)),
      fcContext('sg-pairing-instance-events', { credentials: hub }),
    );

    const service = (action: string) =>
      action === 'AssumeRole' ? 'sts' : action === 'InvokeFunction' ? 'fc' : action === 'DescribeVpcs' ? 'vpc' : 'ecs';
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
