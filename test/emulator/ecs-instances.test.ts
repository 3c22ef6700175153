import type Ecs from '@alicloud/ecs20140526';
import * as $Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError } from '../support/clients';
import { client, instances } from '../support/ecs-calls';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, REGION, WorldBuilder } from '../support/world-builder';

let emu: RunningEmulator;
let ca: Ecs;
const ids = (body: Awaited<ReturnType<typeof instances>>) => body.instances!.instance!.map((i) => i.instanceId!);
const tag = (key: string, value?: string) => new $Ecs.DescribeInstancesRequestTag({ key, value });

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  const w = new WorldBuilder(emu.emulator.world);
  ca = client(emu, w.account(ACCOUNT_A_ID));
  w.account(ACCOUNT_B_ID);
  w.vpc('vpc-a', ACCOUNT_A_ID).vpc('vpc-a2', ACCOUNT_A_ID, '10.1.0.0/16').vpc('vpc-b', ACCOUNT_B_ID);
  w.group('sg-big', ACCOUNT_A_ID, 'vpc-a')
    .group('sg-x', ACCOUNT_A_ID, 'vpc-a')
    .group('sg-2', ACCOUNT_A_ID, 'vpc-a2')
    .group('sg-b', ACCOUNT_B_ID, 'vpc-b');
  for (let n = 0; n < 25; n += 1)
    w.instance(`i-big${String(n).padStart(2, '0')}`, ACCOUNT_A_ID, 'vpc-a', ['sg-big'], {
      privateIp: `172.16.0.${n + 1}`,
    });
  w.instance('i-web', ACCOUNT_A_ID, 'vpc-a', ['sg-x'], {
    privateIp: '172.16.1.1',
    tags: { role: 'web', env: 'prod' },
    name: 'web',
  });
  w.instance('i-stopped', ACCOUNT_A_ID, 'vpc-a2', ['sg-2'], {
    privateIp: '10.1.0.1',
    status: 'Stopped',
    tags: { role: 'db' },
  });
  w.instance('i-bob', ACCOUNT_B_ID, 'vpc-b', ['sg-b'], { privateIp: '172.16.0.1', tags: { role: 'web' } });
});
afterAll(() => emu?.close());

describe('DescribeInstances paging', () => {
  it('returns 10 by default, with TotalCount', async () => {
    const body = await instances(ca, { securityGroupId: 'sg-big' });
    expect(body).toMatchObject({ totalCount: 25, pageNumber: 1, pageSize: 10 });
    expect(ids(body)).toHaveLength(10);
  });

  it('returns every instance of a 25-instance group page by page (PageNumber/PageSize)', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page += 1)
      seen.push(...ids(await instances(ca, { securityGroupId: 'sg-big', pageNumber: page })));
    expect(new Set(seen).size).toBe(25);
    expect(ids(await instances(ca, { securityGroupId: 'sg-big', pageNumber: 4 }))).toEqual([]);
    expect(ids(await instances(ca, { securityGroupId: 'sg-big', pageSize: 100 }))).toEqual(seen);
  });

  it('returns every instance of a 25-instance group token by token (MaxResults/NextToken), NextToken empty at the end', async () => {
    const seen: string[] = [];
    const tokens: string[] = [];
    let token: string | undefined;
    do {
      const body = await instances(ca, { securityGroupId: 'sg-big', maxResults: 10, nextToken: token });
      seen.push(...ids(body));
      tokens.push(body.nextToken ?? '(absent)');
      token = body.nextToken || undefined;
    } while (token);
    expect(new Set(seen).size).toBe(25);
    expect(tokens).toHaveLength(3);
    expect(tokens[2]).toBe('');
  });

  it('refuses a NextToken it did not hand out', async () => {
    expect(await sdkError(instances(ca, { nextToken: 'bogus' }))).toMatchObject({
      code: 'InvalidNextToken.Malformed',
      statusCode: 400,
    });
  });
});

describe('DescribeInstances filters', () => {
  it('filters by InstanceIds (JSON array), never showing another account’s', async () => {
    const body = await instances(ca, { instanceIds: JSON.stringify(['i-web', 'i-bob', 'i-stopped', 'i-nope']) });
    expect(ids(body)).toEqual(['i-stopped', 'i-web']);
  });

  it.each([
    ['not json'],
    ['"i-web"'],
    [JSON.stringify([1, 2])],
    [JSON.stringify(Array.from({ length: 101 }, (_, n) => `i-${n}`))],
  ])('refuses InstanceIds %s as InvalidInstanceId.MalFormed', async (instanceIds) => {
    expect(await sdkError(instances(ca, { instanceIds }))).toMatchObject({
      code: 'InvalidInstanceId.MalFormed',
      statusCode: 400,
    });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['VpcId', { vpcId: 'vpc-a2' }, ['i-stopped']],
    ['Status', { status: 'Stopped' }, ['i-stopped']],
    ['Tag key and value', { tag: [tag('role', 'web')] }, ['i-web']],
    ['Tag key only', { tag: [tag('role')] }, ['i-stopped', 'i-web']],
    ['two tags (all must match)', { tag: [tag('role', 'web'), tag('env', 'dev')] }, []],
    ['SecurityGroupId and Status', { securityGroupId: 'sg-x', status: 'Running' }, ['i-web']],
    ['PrivateIpAddresses', { vpcId: 'vpc-a', privateIpAddresses: JSON.stringify(['172.16.1.1']) }, ['i-web']],
    ['another region', { regionId: 'cn-hangzhou' }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(ids(await instances(ca, { pageSize: 100, ...filter }))).toEqual(expected);
  });

  it('reports the instance shape', async () => {
    const [web] = (await instances(ca, { instanceIds: JSON.stringify(['i-web']) })).instances!.instance!;
    expect(web.toMap()).toEqual({
      InstanceId: 'i-web',
      RegionId: REGION,
      ZoneId: `${REGION}-b`,
      Status: 'Running',
      InstanceNetworkType: 'vpc',
      InstanceName: 'web',
      HostName: 'iZwebZ',
      CreationTime: '2024-01-01T00:00Z',
      VpcAttributes: {
        VpcId: 'vpc-a',
        VSwitchId: 'vsw-1',
        NatIpAddress: '',
        PrivateIpAddress: { IpAddress: ['172.16.1.1'] },
      },
      InnerIpAddress: { IpAddress: [] },
      PublicIpAddress: { IpAddress: [] },
      EipAddress: { IpAddress: '', AllocationId: '' },
      SecurityGroupIds: { SecurityGroupId: ['sg-x'] },
      NetworkInterfaces: {
        NetworkInterface: [
          {
            NetworkInterfaceId: 'eni-web',
            Type: 'Primary',
            PrimaryIpAddress: '172.16.1.1',
            PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: '172.16.1.1', Primary: true }] },
            Ipv6Sets: { Ipv6Set: [] },
          },
        ],
      },
      Tags: {
        Tag: [
          { TagKey: 'env', TagValue: 'prod' },
          { TagKey: 'role', TagValue: 'web' },
        ],
      },
    });
  });
});
