import * as $Ecs from '@alicloud/ecs20140526';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator';
import { ecsClient, sdkError } from '../support/clients';
import {
  ACCOUNT_A_ID,
  ACCOUNT_A_CREDENTIALS,
  assume,
  HUB_CREDENTIALS,
  roleArnOf,
  startSeeded,
} from '../support/emulator-platform-fixture';

// Writes through the real ECS client produce the CloudEvents EventBridge would deliver (ECS events:
// https://www.alibabacloud.com/help/en/eventbridge/user-guide/ecs-events; an ApiCall's record:
// https://www.alibabacloud.com/help/doc-detail/28819.htm; a StateChange's payload:
// https://www.alibabacloud.com/help/en/ecs/user-guide/overview-35).

const REGION = 'cn-qingdao';

describe('emulator platform: events', () => {
  let e: RunningEmulator;
  afterEach(async () => {
    await e.close();
  });

  it('emits ecs:ActionTrail:ApiCall for a write by an assumed role, shaped as ActionTrail documents it', async () => {
    e = await startSeeded();
    const creds = await assume(e.url, HUB_CREDENTIALS, {
      roleArn: roleArnOf(ACCOUNT_A_ID),
      roleSessionName: 'pairing-run',
    });
    const r = await ecsClient(e.url, creds).authorizeSecurityGroup(
      new $Ecs.AuthorizeSecurityGroupRequest({
        regionId: REGION,
        securityGroupId: 'sg-a1',
        permissions: [
          new $Ecs.AuthorizeSecurityGroupRequestPermissions({
            ipProtocol: 'ALL',
            portRange: '-1/-1',
            sourceCidrIp: '10.0.0.2',
            description: 'sg-pairing:demo:web-pair',
          }),
        ],
      }),
    );

    const [event] = e.emulator.events.events;
    expect(e.emulator.events.events).toHaveLength(1);
    const session = e.emulator.world.sessions.get(creds.accessKeyId)!;
    expect(event).toEqual({
      specversion: '1.0',
      id: event.data.eventId,
      source: 'acs.ecs',
      type: 'ecs:ActionTrail:ApiCall',
      subject: `acs:ecs:${REGION}:${ACCOUNT_A_ID}:securitygroup/sg-a1`,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      datacontenttype: 'application/json;charset=utf-8',
      aliyunaccountid: ACCOUNT_A_ID,
      aliyunoriginalaccountid: ACCOUNT_A_ID,
      aliyunregionid: REGION,
      aliyunpublishtime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      aliyuneventbusname: 'default',
      aliyunpublishaddr: '127.0.0.1',
      data: {
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        eventVersion: 1,
        eventType: 'ApiCall',
        eventCategory: 'Management',
        eventRW: 'Write',
        eventName: 'AuthorizeSecurityGroup',
        eventSource: 'ecs.aliyuncs.com',
        serviceName: 'Ecs',
        apiVersion: '2014-05-26',
        acsRegion: REGION,
        eventTime: event.time,
        requestId: r.body!.requestId,
        sourceIpAddress: '127.0.0.1',
        userAgent: expect.stringContaining('AlibabaCloud'),
        userIdentity: {
          type: 'assumed-role',
          principalId: expect.stringMatching(/^\d{17}:pairing-run$/),
          accountId: ACCOUNT_A_ID,
          accessKeyId: creds.accessKeyId,
          userName: 'sg-pairing:pairing-run',
        },
        requestParameters: {
          RegionId: REGION,
          SecurityGroupId: 'sg-a1',
          'Permissions.1.IpProtocol': 'ALL',
          'Permissions.1.PortRange': '-1/-1',
          'Permissions.1.SourceCidrIp': '10.0.0.2',
          'Permissions.1.Description': 'sg-pairing:demo:web-pair',
        },
        responseElements: { RequestId: r.body!.requestId },
        referencedResources: { 'ACS::ECS::SecurityGroup': ['sg-a1'] },
        errorCode: '',
        errorMessage: '',
        isGlobal: false,
      },
    });
    const json = JSON.stringify(event);
    expect(json).not.toContain(session.secret);
    expect(json).not.toContain(session.token);
  });

  it('names a long-lived caller root-account', async () => {
    e = await startSeeded();
    await ecsClient(e.url, ACCOUNT_A_CREDENTIALS).authorizeSecurityGroup(
      new $Ecs.AuthorizeSecurityGroupRequest({
        regionId: REGION,
        securityGroupId: 'sg-a2',
        permissions: [
          new $Ecs.AuthorizeSecurityGroupRequestPermissions({
            ipProtocol: 'tcp',
            portRange: '22/22',
            sourceCidrIp: '10.0.0.1',
          }),
        ],
      }),
    );
    expect(e.emulator.events.events[0].data.userIdentity).toEqual({
      type: 'root-account',
      principalId: ACCOUNT_A_ID,
      accountId: ACCOUNT_A_ID,
      accessKeyId: ACCOUNT_A_CREDENTIALS.accessKeyId,
      userName: 'root',
    });
    expect(JSON.stringify(e.emulator.events.events)).not.toContain(ACCOUNT_A_CREDENTIALS.accessKeySecret);
  });

  it('emits RunInstances with the new ids, plus one ecs:Instance:StateChange per instance', async () => {
    e = await startSeeded();
    const r = await ecsClient(e.url, ACCOUNT_A_CREDENTIALS).runInstances(
      new $Ecs.RunInstancesRequest({
        regionId: REGION,
        securityGroupId: 'sg-a1',
        amount: 2,
        instanceType: 'ecs.g7.large',
        imageId: 'aliyun_3_x64',
      }),
    );
    const ids = r.body!.instanceIdSets!.instanceIdSet!;
    const [call, ...changes] = e.emulator.events.events;

    expect(call.type).toBe('ecs:ActionTrail:ApiCall');
    expect(call.subject).toBe(`acs:ecs:${REGION}:${ACCOUNT_A_ID}:instance/${ids[0]}`);
    expect(call.data.eventName).toBe('RunInstances');
    expect(call.data.responseElements).toEqual({
      RequestId: r.body!.requestId,
      InstanceIdSets: { InstanceIdSet: ids },
    });
    expect(call.data.referencedResources).toEqual({ 'ACS::ECS::Instance': ids, 'ACS::ECS::SecurityGroup': ['sg-a1'] });
    expect(changes).toHaveLength(2);
    changes.forEach((change, k) => {
      const resourceId = `acs:ecs:${REGION}:${ACCOUNT_A_ID}:instance/${ids[k]}`;
      expect(change).toMatchObject({
        specversion: '1.0',
        source: 'acs.ecs',
        type: 'ecs:Instance:StateChange',
        subject: resourceId,
        aliyunaccountid: ACCOUNT_A_ID,
        aliyunregionid: REGION,
        aliyuneventbusname: 'default',
      });
      expect(change.data).toEqual({
        ver: '1.0',
        id: expect.stringMatching(/^[0-9A-F-]{36}$/),
        product: 'ECS',
        level: 'INFO',
        name: 'Instance:StateChange',
        regionId: REGION,
        resourceId,
        userId: ACCOUNT_A_ID,
        eventTime: expect.stringMatching(/^\d{8}T\d{6}\.\d{3}\+0800$/),
        content: { resourceId: ids[k], resourceType: 'ALIYUN::ECS::Instance', state: 'Running' },
      });
    });
  });

  it.each([
    [
      'DeleteInstance',
      (ecs: ReturnType<typeof ecsClient>) =>
        ecs.deleteInstance(new $Ecs.DeleteInstanceRequest({ instanceId: 'i-a1', force: true })),
      'Deleted',
    ],
    [
      'StopInstance',
      (ecs: ReturnType<typeof ecsClient>) => ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: 'i-a1' })),
      'Stopped',
    ],
  ])('emits %s with its state change', async (action, call, state) => {
    e = await startSeeded();
    await call(ecsClient(e.url, ACCOUNT_A_CREDENTIALS));
    expect(
      e.emulator.events.events.map((ev) => [
        ev.type,
        ev.data.eventName ?? (ev.data.content as { state: string }).state,
      ]),
    ).toEqual([
      ['ecs:ActionTrail:ApiCall', action],
      ['ecs:Instance:StateChange', state],
    ]);
  });

  it('emits JoinSecurityGroup, LeaveSecurityGroup and RevokeSecurityGroup', async () => {
    e = await startSeeded();
    const ecs = ecsClient(e.url, ACCOUNT_A_CREDENTIALS);
    const cidrRule = { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.9' };
    await ecs.joinSecurityGroup(new $Ecs.JoinSecurityGroupRequest({ instanceId: 'i-a1', securityGroupId: 'sg-a2' }));
    await ecs.leaveSecurityGroup(new $Ecs.LeaveSecurityGroupRequest({ instanceId: 'i-a1', securityGroupId: 'sg-a2' }));
    await ecs.authorizeSecurityGroup(
      new $Ecs.AuthorizeSecurityGroupRequest({
        regionId: REGION,
        securityGroupId: 'sg-a1',
        permissions: [new $Ecs.AuthorizeSecurityGroupRequestPermissions(cidrRule)],
      }),
    );
    await ecs.revokeSecurityGroup(
      new $Ecs.RevokeSecurityGroupRequest({
        regionId: REGION,
        securityGroupId: 'sg-a1',
        permissions: [new $Ecs.RevokeSecurityGroupRequestPermissions(cidrRule)],
      }),
    );
    expect(e.emulator.events.events.map((ev) => [ev.type, ev.data.eventName, ev.subject])).toEqual([
      ['ecs:ActionTrail:ApiCall', 'JoinSecurityGroup', `acs:ecs:${REGION}:${ACCOUNT_A_ID}:instance/i-a1`],
      ['ecs:ActionTrail:ApiCall', 'LeaveSecurityGroup', `acs:ecs:${REGION}:${ACCOUNT_A_ID}:instance/i-a1`],
      ['ecs:ActionTrail:ApiCall', 'AuthorizeSecurityGroup', `acs:ecs:${REGION}:${ACCOUNT_A_ID}:securitygroup/sg-a1`],
      ['ecs:ActionTrail:ApiCall', 'RevokeSecurityGroup', `acs:ecs:${REGION}:${ACCOUNT_A_ID}:securitygroup/sg-a1`],
    ]);
  });

  it('emits nothing for reads and for failed writes', async () => {
    e = await startSeeded();
    const ecs = ecsClient(e.url, ACCOUNT_A_CREDENTIALS);
    await ecs.describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: REGION }));
    const err = await sdkError(
      ecs.authorizeSecurityGroup(
        new $Ecs.AuthorizeSecurityGroupRequest({
          regionId: REGION,
          securityGroupId: 'sg-nope',
          permissions: [
            new $Ecs.AuthorizeSecurityGroupRequestPermissions({
              ipProtocol: 'tcp',
              portRange: '22/22',
              sourceCidrIp: '10.0.0.1',
            }),
          ],
        }),
      ),
    );
    expect(err.code).toBe('InvalidSecurityGroupId.NotFound');
    expect(e.emulator.events.events).toEqual([]);
  });
});
