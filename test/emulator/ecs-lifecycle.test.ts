import type Ecs from '@alicloud/ecs20140526';
import * as $Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../emulator/models/context';
import { ecsHandlers } from '../../emulator/handlers/ecs';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError } from '../support/clients';
import { client, instances, rt } from '../support/ecs-calls';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, REGION, WorldBuilder } from '../support/world-builder';

let emu: RunningEmulator;
let ca: Ecs;

const run = (extra: Record<string, unknown>) =>
  ca.runInstancesWithOptions(
    new $Ecs.RunInstancesRequest({ regionId: REGION, imageId: 'img', instanceType: 'ecs.t6', ...extra }),
    rt,
  );
const join = (instanceId: string, securityGroupId: string) =>
  ca.joinSecurityGroupWithOptions(
    new $Ecs.JoinSecurityGroupRequest({ regionId: REGION, instanceId, securityGroupId }),
    rt,
  );
const leave = (instanceId: string, securityGroupId: string) =>
  ca.leaveSecurityGroupWithOptions(
    new $Ecs.LeaveSecurityGroupRequest({ regionId: REGION, instanceId, securityGroupId }),
    rt,
  );
const del = (instanceId: string, force?: boolean) =>
  ca.deleteInstanceWithOptions(new $Ecs.DeleteInstanceRequest({ instanceId, force }), rt);
const stop = (instanceId: string) => ca.stopInstanceWithOptions(new $Ecs.StopInstanceRequest({ instanceId }), rt);
const start = (instanceId: string) => ca.startInstanceWithOptions(new $Ecs.StartInstanceRequest({ instanceId }), rt);
const one = async (id: string) => (await instances(ca, { instanceIds: JSON.stringify([id]) })).instances!.instance![0];

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  const w = new WorldBuilder(emu.emulator.world);
  ca = client(emu, w.account(ACCOUNT_A_ID));
  w.account(ACCOUNT_B_ID);
  w.vpc('vpc-a', ACCOUNT_A_ID, '172.16.0.0/24').vpc('vpc-a2', ACCOUNT_A_ID, '10.1.0.0/16').vpc('vpc-b', ACCOUNT_B_ID);
  w.group('sg-a', ACCOUNT_A_ID, 'vpc-a')
    .group('sg-a-more', ACCOUNT_A_ID, 'vpc-a')
    .group('sg-2', ACCOUNT_A_ID, 'vpc-a2')
    .group('sg-b', ACCOUNT_B_ID, 'vpc-b');
  w.instance('i-seed', ACCOUNT_A_ID, 'vpc-a', ['sg-a'], { privateIp: '172.16.0.1' });
});
afterAll(() => emu?.close());

describe('RunInstances', () => {
  it('launches Running instances with the lowest free IPs, tags and name', async () => {
    const res = await run({
      securityGroupId: 'sg-a',
      amount: 2,
      instanceName: 'web-1',
      hostName: 'web',
      tag: [new $Ecs.RunInstancesRequestTag({ key: 'role', value: 'web' })],
    });
    const created = res.body!.instanceIdSets!.instanceIdSet!;
    expect(created).toHaveLength(2);
    const body = await instances(ca, { instanceIds: JSON.stringify(created) });
    expect(
      body.instances!.instance!.map((i) => [
        i.status,
        i.vpcAttributes!.privateIpAddress!.ipAddress,
        i.instanceName,
        i.hostName,
        i.tags!.tag![0].tagValue,
      ]),
    ).toEqual([
      ['Running', ['172.16.0.2'], 'web-1', 'web', 'web'],
      ['Running', ['172.16.0.3'], 'web-1', 'web', 'web'],
    ]);
  });

  it('takes a requested PrivateIpAddress, and refuses a taken, outside or malformed one', async () => {
    const [id] = (await run({ securityGroupIds: ['sg-a', 'sg-a-more'], privateIpAddress: '172.16.0.50' })).body!
      .instanceIdSets!.instanceIdSet!;
    expect(await one(id)).toMatchObject({
      securityGroupIds: { securityGroupId: ['sg-a', 'sg-a-more'] },
      vpcAttributes: { privateIpAddress: { ipAddress: ['172.16.0.50'] } },
    });
    expect(await sdkError(run({ securityGroupId: 'sg-a', privateIpAddress: '172.16.0.1' }))).toMatchObject({
      code: 'InvalidPrivateIpAddress.Duplicated',
      statusCode: 400,
    });
    expect(await sdkError(run({ securityGroupId: 'sg-a', privateIpAddress: '10.0.0.1' }))).toMatchObject({
      code: 'InvalidPrivateIpAddress',
    });
    expect(await sdkError(run({ securityGroupId: 'sg-a', privateIpAddress: '172.16.0' }))).toMatchObject({
      code: 'InvalidPrivateIpAddress.Malformed',
    });
  });

  it.each<[string, Record<string, unknown>, string, number]>([
    ['no group', {}, 'MissingParameter', 400],
    ["another account's group", { securityGroupId: 'sg-b' }, 'InvalidSecurityGroupId.NotFound', 404],
    ['groups of two VPCs', { securityGroupIds: ['sg-a', 'sg-2'] }, 'InvalidParameter.Mismatch', 400],
    ['Amount 101', { securityGroupId: 'sg-a', amount: 101 }, 'InvalidParameter', 400],
    [
      'more addresses than the VPC has',
      { securityGroupId: 'sg-a', amount: 100, privateIpAddress: undefined },
      'QuotaExceeded.PrivateIpAddress',
      400,
    ],
    ['a malformed name', { securityGroupId: 'sg-a', instanceName: '1bad' }, 'InvalidInstanceName.Malformed', 400],
  ])('refuses %s', async (_name, extra, code, statusCode) => {
    emu.emulator.world.vpcs.get('vpc-a')!.cidr = '172.16.0.0/26'; // 59 usable addresses
    expect(await sdkError(run(extra))).toMatchObject({ code, statusCode });
    expect((await instances(ca)).totalCount).toBe(1);
  });

  it('launches Pending without an IP while world.launchWithoutIp is set', async () => {
    emu.emulator.world.launchWithoutIp = true;
    const [id] = (await run({ securityGroupId: 'sg-a' })).body!.instanceIdSets!.instanceIdSet!;
    expect(await one(id)).toMatchObject({ status: 'Pending', vpcAttributes: { privateIpAddress: { ipAddress: [] } } });
  });

  it('launches once per ClientToken', async () => {
    const first = await run({ securityGroupId: 'sg-a', clientToken: 'launch-1' });
    const again = await run({ securityGroupId: 'sg-a', clientToken: 'launch-1' });
    expect(again.body!.instanceIdSets!.instanceIdSet).toEqual(first.body!.instanceIdSets!.instanceIdSet);
    expect((await instances(ca)).totalCount).toBe(2);
  });

  it('records the touched resources and state changes for the event side', () => {
    const ctx: RequestContext = {
      action: 'RunInstances',
      caller: { account: ACCOUNT_A_ID, accessKeyId: `AK${ACCOUNT_A_ID}` },
      params: { RegionId: REGION, SecurityGroupId: 'sg-a' },
      region: REGION,
      requestId: 'r',
      now: Date.now(),
      world: emu.emulator.world,
      facts: { referencedResources: {}, stateChanges: [] },
      visibilityDelayMs: 0,
    };
    const out = ecsHandlers.RunInstances.handler(ctx) as { InstanceIdSets: { InstanceIdSet: string[] } };
    const [id] = out.InstanceIdSets.InstanceIdSet;
    expect(ctx.facts).toEqual({
      referencedResources: { 'ACS::ECS::Instance': [id], 'ACS::ECS::SecurityGroup': ['sg-a'] },
      stateChanges: [{ instanceId: id, state: 'Running' }],
    });
  });
});

describe('JoinSecurityGroup / LeaveSecurityGroup', () => {
  it('joins and leaves, as DescribeInstances shows', async () => {
    await join('i-seed', 'sg-a-more');
    expect((await instances(ca, { securityGroupId: 'sg-a-more' })).totalCount).toBe(1);
    await leave('i-seed', 'sg-a');
    expect((await one('i-seed')).securityGroupIds!.securityGroupId).toEqual(['sg-a-more']);
  });

  it.each<[string, () => Promise<unknown>, string, number]>([
    ['joining a group it is in', () => join('i-seed', 'sg-a'), 'InvalidInstanceId.AlreadyExists', 403],
    ['joining a group of another VPC', () => join('i-seed', 'sg-2'), 'InvalidInstanceId.Mismatch', 400],
    ["joining another account's group", () => join('i-seed', 'sg-b'), 'InvalidSecurityGroupId.NotFound', 404],
    ['an unknown instance', () => join('i-nope', 'sg-a-more'), 'InvalidInstanceId.NotFound', 404],
    [
      'leaving a group it is not in',
      () => leave('i-seed', 'sg-a-more'),
      'InvalidSecurityGroupAssociation.NotFound',
      400,
    ],
    ['leaving its last group', () => leave('i-seed', 'sg-a'), 'InstanceLastSecurityGroup', 403],
  ])('refuses %s', async (_name, call, code, statusCode) => {
    expect(await sdkError(call())).toMatchObject({ code, statusCode });
  });

  it('refuses a sixth group, and a Pending instance', async () => {
    const w = new WorldBuilder(emu.emulator.world);
    for (let n = 0; n < 5; n += 1) w.group(`sg-j${n}`, ACCOUNT_A_ID, 'vpc-a');
    for (let n = 0; n < 4; n += 1) await join('i-seed', `sg-j${n}`);
    expect(await sdkError(join('i-seed', 'sg-j4'))).toMatchObject({
      code: 'InstanceSecurityGroupLimitExceeded',
      statusCode: 400,
    });
    emu.emulator.world.instances.get('i-seed')!.status = 'Pending';
    expect(await sdkError(leave('i-seed', 'sg-j0'))).toMatchObject({
      code: 'IncorrectInstanceStatus',
      statusCode: 403,
    });
  });
});

describe('Stop / Start / DeleteInstance', () => {
  it('refuses to delete a Running instance without Force', async () => {
    expect(await sdkError(del('i-seed'))).toMatchObject({ code: 'IncorrectInstanceStatus', statusCode: 403 });
    await del('i-seed', true);
    expect((await instances(ca)).totalCount).toBe(0);
  });

  it('stops, starts, stops and deletes', async () => {
    await stop('i-seed');
    expect((await one('i-seed')).status).toBe('Stopped');
    expect(await sdkError(stop('i-seed'))).toMatchObject({ code: 'IncorrectInstanceStatus' });
    await start('i-seed');
    expect((await instances(ca, { status: 'Running' })).totalCount).toBe(1);
    await stop('i-seed');
    await del('i-seed');
    expect(await sdkError(del('i-seed'))).toMatchObject({ code: 'InvalidInstanceId.NotFound', statusCode: 404 });
  });

  it('frees the address of a deleted instance for the next launch', async () => {
    await del('i-seed', true);
    const [id] = (await run({ securityGroupId: 'sg-a' })).body!.instanceIdSets!.instanceIdSet!;
    expect((await one(id)).vpcAttributes!.privateIpAddress!.ipAddress).toEqual(['172.16.0.1']);
  });
});
