import * as $Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError, type Creds } from '../support/clients';
import { attribute, authorize, client, groups, rt, rulesOf } from '../support/ecs-calls';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, REGION, WorldBuilder } from '../support/world-builder';

let emu: RunningEmulator;
let a: Creds;
let b: Creds;

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  const w = new WorldBuilder(emu.emulator.world);
  a = w.account(ACCOUNT_A_ID);
  b = w.account(ACCOUNT_B_ID);
  w.vpc('vpc-a', ACCOUNT_A_ID)
    .vpc('vpc-b', ACCOUNT_B_ID)
    .group('sg-a1', ACCOUNT_A_ID, 'vpc-a')
    .group('sg-b1', ACCOUNT_B_ID, 'vpc-b');
});
afterAll(() => emu?.close());

describe('account isolation', () => {
  it("answers InvalidSecurityGroupId.NotFound (404) for another account's group, read or write", async () => {
    const ca = client(emu, a);
    expect(await sdkError(attribute(ca, 'sg-b1'))).toMatchObject({
      code: 'InvalidSecurityGroupId.NotFound',
      statusCode: 404,
    });
    const write = authorize(ca, 'sg-b1', [{ ipProtocol: 'tcp', portRange: '22/22', sourceCidrIp: '10.0.0.1' }]);
    expect(await sdkError(write)).toMatchObject({ code: 'InvalidSecurityGroupId.NotFound', statusCode: 404 });
    expect(await rulesOf(client(emu, b), 'sg-b1')).toEqual([]);
  });

  it('lists only the caller’s groups, and nothing for another region', async () => {
    expect((await groups(client(emu, a))).securityGroups?.securityGroup?.map((g) => g.securityGroupId)).toEqual([
      'sg-a1',
    ]);
    const other = await groups(client(emu, a), { regionId: 'cn-hangzhou' });
    expect(other.totalCount).toBe(0);
    expect(await sdkError(attribute(client(emu, a), 'sg-a1', { regionId: 'cn-hangzhou' }))).toMatchObject({
      code: 'InvalidSecurityGroupId.NotFound',
    });
  });
});

describe('CreateSecurityGroup', () => {
  const create = (creds: Creds, extra: Record<string, unknown>) =>
    client(emu, creds).createSecurityGroupWithOptions(
      new $Ecs.CreateSecurityGroupRequest({ regionId: REGION, ...extra }),
      rt,
    );

  it('creates normal (Accept) and enterprise (Drop) groups in a usable VPC', async () => {
    const normal = (await create(a, { vpcId: 'vpc-a', securityGroupName: 'web', description: 'd' })).body!
      .securityGroupId!;
    const ent = (await create(a, { vpcId: 'vpc-a', securityGroupType: 'enterprise' })).body!.securityGroupId!;
    expect(normal).toMatch(/^sg-/);
    expect(await attribute(client(emu, a), normal)).toMatchObject({
      securityGroupName: 'web',
      description: 'd',
      vpcId: 'vpc-a',
      innerAccessPolicy: 'Accept',
    });
    expect((await attribute(client(emu, a), ent)).innerAccessPolicy).toBe('Drop');
    const listed = await groups(client(emu, a), { securityGroupType: 'enterprise' });
    expect(listed.securityGroups?.securityGroup?.map((g) => g.securityGroupId)).toEqual([ent]);
  });

  it('refuses a VPC the account cannot use, and accepts one shared with it', async () => {
    expect(await sdkError(create(a, { vpcId: 'vpc-b' }))).toMatchObject({
      code: 'InvalidVpcId.NotFound',
      statusCode: 404,
    });
    emu.emulator.world.vpcs.get('vpc-b')!.sharedWith.push(ACCOUNT_A_ID);
    expect((await create(a, { vpcId: 'vpc-b' })).body!.securityGroupId).toMatch(/^sg-/);
  });

  it('creates once per ClientToken', async () => {
    const first = await create(a, { vpcId: 'vpc-a', clientToken: 'tok-1' });
    const again = await create(a, { vpcId: 'vpc-a', clientToken: 'tok-1' });
    expect(again.body!.securityGroupId).toBe(first.body!.securityGroupId);
    expect((await groups(client(emu, a))).totalCount).toBe(2);
  });
});

describe('DescribeSecurityGroups', () => {
  beforeEach(() => {
    const w = new WorldBuilder(emu.emulator.world).vpc('vpc-a2', ACCOUNT_A_ID);
    for (let n = 10; n < 34; n += 1) w.group(`sg-p${n}`, ACCOUNT_A_ID, n % 2 ? 'vpc-a2' : 'vpc-a');
    w.cidrRules('sg-a1', 3).rule('sg-a1', {
      sourceCidrIp: '',
      sourceGroupId: 'sg-p10',
      sourceGroupOwnerId: ACCOUNT_A_ID,
    });
  });

  it('reports the group shape with its rule counts', async () => {
    const [g] = (await groups(client(emu, a), { securityGroupId: 'sg-a1' })).securityGroups!.securityGroup!;
    expect(g.toMap()).toEqual({
      SecurityGroupId: 'sg-a1',
      SecurityGroupName: 'sg-a1',
      SecurityGroupType: 'normal',
      VpcId: 'vpc-a',
      Description: '',
      CreationTime: '2024-01-01T00:00:00Z',
      RuleCount: 4,
      GroupToGroupRuleCount: 1,
      ServiceManaged: false,
      Tags: { Tag: [] },
    });
  });

  it('filters by SecurityGroupIds, VpcId and NetworkType', async () => {
    const ca = client(emu, a);
    const byIds = await groups(ca, { securityGroupIds: JSON.stringify(['sg-p11', 'sg-a1', 'sg-b1']) });
    expect(byIds.securityGroups?.securityGroup?.map((g) => g.securityGroupId)).toEqual(['sg-a1', 'sg-p11']);
    expect((await groups(ca, { vpcId: 'vpc-a2', pageSize: 50 })).totalCount).toBe(12);
    expect((await groups(ca, { networkType: 'classic' })).totalCount).toBe(0);
    expect(await sdkError(groups(ca, { securityGroupIds: 'sg-a1' }))).toMatchObject({
      code: 'InvalidSecurityGroupId.Malformed',
      statusCode: 400,
    });
  });

  it('pages with PageNumber/PageSize (10 by default) and with MaxResults/NextToken', async () => {
    const ca = client(emu, a);
    const first = await groups(ca);
    expect(first).toMatchObject({ totalCount: 25, pageNumber: 1, pageSize: 10 });
    const byNumber: string[] = [];
    for (let p = 1; p <= 3; p += 1)
      byNumber.push(
        ...(await groups(ca, { pageNumber: p })).securityGroups!.securityGroup!.map((g) => g.securityGroupId!),
      );
    const byToken: string[] = [];
    let token: string | undefined;
    do {
      const page = await groups(ca, { maxResults: 10, nextToken: token });
      byToken.push(...page.securityGroups!.securityGroup!.map((g) => g.securityGroupId!));
      token = page.nextToken || undefined;
    } while (token);
    expect(new Set(byNumber).size).toBe(25);
    expect(byToken).toEqual(byNumber);
  });
});
