import Vpc, * as $Vpc from '@alicloud/vpc20160428';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { ramRequestOf } from '../../emulator/ram';
import { sdkError, type Creds } from '../support/clients';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, REGION, WorldBuilder } from '../support/world-builder';

// VPC DescribeVpcs (2016-04-28) through the real @alicloud/vpc20160428 client:
// https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-describevpcs

let emu: RunningEmulator;
let a: Creds;
let b: Creds;

const vpcClient = (creds: Creds): Vpc => {
  const u = new URL(emu.url);
  return new Vpc(
    new $OpenApiUtil.Config({ ...creds, endpoint: u.host, protocol: 'http', regionId: REGION, readTimeout: 10_000 }),
  );
};
const describe_ = (creds: Creds, request: Partial<$Vpc.DescribeVpcsRequest> = {}) =>
  vpcClient(creds).describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: REGION, ...request }));
const ids = (res: $Vpc.DescribeVpcsResponse) => res.body?.vpcs?.vpc?.map((v) => v.vpcId) ?? [];

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  const w = new WorldBuilder(emu.emulator.world);
  a = w.account(ACCOUNT_A_ID);
  b = w.account(ACCOUNT_B_ID);
  w.vpc('vpc-a', ACCOUNT_A_ID, '10.0.0.0/16').vpc('vpc-b', ACCOUNT_B_ID, '192.168.0.0/16');
  w.vpc('vpc-shared', ACCOUNT_A_ID, '172.16.0.0/16', [ACCOUNT_B_ID]);
  const shared = emu.emulator.world.vpcs.get('vpc-shared')!;
  shared.secondaryCidrs = ['100.64.0.0/16'];
  shared.userCidrs = ['8.8.0.0/16'];
});
afterAll(() => emu?.close());

describe('DescribeVpcs', () => {
  it("answers the caller's VPCs and those shared with it, with CidrBlock, SecondaryCidrBlocks and UserCidrs", async () => {
    const asB = await describe_(b);

    expect(ids(asB)).toEqual(['vpc-b', 'vpc-shared']);
    const shared = asB.body?.vpcs?.vpc?.find((v) => v.vpcId === 'vpc-shared');
    expect([shared?.cidrBlock, shared?.secondaryCidrBlocks?.secondaryCidrBlock, shared?.userCidrs?.userCidr]).toEqual([
      '172.16.0.0/16',
      ['100.64.0.0/16'],
      ['8.8.0.0/16'],
    ]);
    expect(ids(await describe_(a))).toEqual(['vpc-a', 'vpc-shared']);
  });

  it('VpcId takes up to 20 comma-separated ids; an id not found or not visible is simply absent; 21 is refused', async () => {
    expect(ids(await describe_(a, { vpcId: 'vpc-a,vpc-b,vpc-nope' }))).toEqual(['vpc-a']);
    const many = Array.from({ length: 21 }, (_, i) => `vpc-${i}`).join(',');
    expect(await sdkError(describe_(a, { vpcId: many }))).toMatchObject({ code: 'InvalidParameter', statusCode: 400 });
  });

  it('pages by PageNumber and PageSize: 10 by default, at most 50, with TotalCount', async () => {
    const w = new WorldBuilder(emu.emulator.world);
    for (let i = 0; i < 60; i++) w.vpc(`vpc-x${String(i).padStart(2, '0')}`, ACCOUNT_A_ID, `10.${i + 1}.0.0/16`);

    const first = await describe_(a);
    expect([first.body?.totalCount, first.body?.pageNumber, first.body?.pageSize, ids(first).length]).toEqual([
      62, 1, 10, 10,
    ]);
    const big = await describe_(a, { pageSize: 50, pageNumber: 2 });
    expect([big.body?.pageNumber, big.body?.pageSize, ids(big).length]).toEqual([2, 50, 12]);
    expect((await describe_(a, { pageSize: 100 })).body?.pageSize).toBe(50);
  });
});

describe('vpc:DescribeVpcs under RAM', () => {
  it('is authorized on each VpcId as acs:vpc:<region>:<uid>:vpc/<id>, else vpc/*', () => {
    const call = (params: Record<string, string>) =>
      ramRequestOf({ service: 'vpc', action: 'DescribeVpcs', params, region: REGION, account: ACCOUNT_A_ID });
    expect(call({ VpcId: 'vpc-a,vpc-b' })).toEqual({
      action: 'vpc:DescribeVpcs',
      resources: [`acs:vpc:${REGION}:${ACCOUNT_A_ID}:vpc/vpc-a`, `acs:vpc:${REGION}:${ACCOUNT_A_ID}:vpc/vpc-b`],
    });
    expect(call({}).resources).toEqual([`acs:vpc:${REGION}:${ACCOUNT_A_ID}:vpc/*`]);
  });
});
