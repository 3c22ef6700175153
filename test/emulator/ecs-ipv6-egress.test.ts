import type Ecs from '@alicloud/ecs20140526';
import * as $Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError } from '../support/clients';
import { authorize, client, instances, rt, rulesOf } from '../support/ecs-calls';
import { ACCOUNT_A_ID, WorldBuilder } from '../support/world-builder';

// Issue 16: IPv6 sources, instance IPv6 addresses, and the egress writes (choices in COVERAGE-ecs.md "IPv6 and egress").

let emu: RunningEmulator;
let ca: Ecs;

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  const w = new WorldBuilder(emu.emulator.world);
  ca = client(emu, w.account(ACCOUNT_A_ID));
  w.vpc('vpc-a', ACCOUNT_A_ID)
    .group('sg-a', ACCOUNT_A_ID, 'vpc-a')
    .group('sg-b', ACCOUNT_A_ID, 'vpc-a')
    .group('sg-classic', ACCOUNT_A_ID, '')
    .instance('i-6', ACCOUNT_A_ID, 'vpc-a', ['sg-a'], { privateIp: '172.16.0.6', ipv6Addresses: ['2001:db8::6'] });
});
afterAll(() => emu?.close());

const egress = (perms: $Ecs.AuthorizeSecurityGroupEgressRequestPermissions[]) =>
  ca.authorizeSecurityGroupEgressWithOptions(
    new $Ecs.AuthorizeSecurityGroupEgressRequest({
      regionId: 'cn-qingdao',
      securityGroupId: 'sg-a',
      permissions: perms,
    }),
    rt,
  );
const out = (o: Partial<$Ecs.AuthorizeSecurityGroupEgressRequestPermissions>) =>
  new $Ecs.AuthorizeSecurityGroupEgressRequestPermissions({ ipProtocol: 'TCP', portRange: '22/22', ...o });

describe('IPv6', () => {
  it('DescribeInstances answers an instance’s IPv6 addresses in its interface’s Ipv6Sets', async () => {
    const [i] = (await instances(ca, { instanceIds: '["i-6"]' })).instances?.instance ?? [];
    expect(i?.networkInterfaces?.networkInterface?.[0]?.ipv6Sets?.ipv6Set?.map((s) => s.ipv6Address)).toEqual([
      '2001:db8::6',
    ]);
  });

  it('stores an Ipv6SourceCidrIp rule with ICMPv6 and answers it; a duplicate adds nothing', async () => {
    const icmp6 = { ipProtocol: 'ICMPv6', portRange: '-1/-1', ipv6SourceCidrIp: '2001:db8::6/128' };
    await authorize(ca, 'sg-a', [icmp6]);
    await authorize(ca, 'sg-a', [icmp6]);
    const rules = await rulesOf(ca, 'sg-a');
    expect(rules.map((r) => [r.ipProtocol, r.ipv6SourceCidrIp, r.sourceCidrIp])).toEqual([
      ['ICMPv6', '2001:db8::6/128', ''],
    ]);
  });

  it.each([
    ['a malformed IPv6 source', 'sg-a', '2001:db8::g', 'InvalidIpv6SourceCidrIp.Malformed'],
    ['a prefix over 128', 'sg-a', '2001:db8::/129', 'InvalidIpv6SourceCidrIp.Malformed'],
    ['a classic group', 'sg-classic', '2001:db8::6', 'InvalidParameter'],
  ])('refuses %s', async (_, group, cidr, code) => {
    const e = await sdkError(authorize(ca, group, [{ ipProtocol: 'TCP', portRange: '22/22', ipv6SourceCidrIp: cidr }]));
    expect(e).toMatchObject({ code, statusCode: 400 });
  });
});

describe('AuthorizeSecurityGroupEgress / RevokeSecurityGroupEgress', () => {
  it('adds egress rules by CIDR and by group, counted as egress, and revokes one by its id', async () => {
    await egress([out({ destCidrIp: '172.16.0.9' }), out({ destGroupId: 'sg-b', priority: '5' })]);
    const rules = await rulesOf(ca, 'sg-a');
    expect(rules.map((r) => [r.direction, r.destCidrIp, r.destGroupId, r.destGroupOwnerAccount])).toEqual([
      ['egress', '172.16.0.9', '', ''],
      ['egress', '', 'sg-b', ACCOUNT_A_ID],
    ]);
    await ca.revokeSecurityGroupEgressWithOptions(
      new $Ecs.RevokeSecurityGroupEgressRequest({
        regionId: 'cn-qingdao',
        securityGroupId: 'sg-a',
        securityGroupRuleId: [rules[0]!.securityGroupRuleId!],
      }),
      rt,
    );
    expect((await rulesOf(ca, 'sg-a')).map((r) => r.destGroupId)).toEqual(['sg-b']);
  });

  it('refuses a malformed destination and an unknown destination group', async () => {
    expect(await sdkError(egress([out({ destCidrIp: '10.0.0.256' })]))).toMatchObject({
      code: 'InvalidDestCidrIp.Malformed',
    });
    expect(await sdkError(egress([out({ destGroupId: 'sg-nope' })]))).toMatchObject({
      code: 'InvalidSourceGroupId.NotFound',
    });
  });
});
