import type Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError } from '../support/clients';
import { attribute, authorize, client, rulesOf, type Perm } from '../support/ecs-calls';
import { ACCOUNT_A_ID, WorldBuilder } from '../support/world-builder';

let emu: RunningEmulator;
let ca: Ecs;
let w: WorldBuilder;
const ssh: Perm = { ipProtocol: 'tcp', portRange: '22/22', sourceCidrIp: '10.0.0.2' };

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  w = new WorldBuilder(emu.emulator.world);
  ca = client(emu, w.account(ACCOUNT_A_ID));
  w.vpc('vpc-a', ACCOUNT_A_ID).group('sg-a', ACCOUNT_A_ID, 'vpc-a');
});
afterAll(() => emu?.close());

describe('AuthorizeSecurityGroup', () => {
  it('adds a rule that DescribeSecurityGroupAttribute reports with every field as a string', async () => {
    await authorize(ca, 'sg-a', [{ ...ssh, description: 'pairing:x' }]);
    const [rule] = await rulesOf(ca, 'sg-a');
    expect(rule.toMap()).toEqual({
      SecurityGroupRuleId: expect.stringMatching(/^sgr-/),
      Direction: 'ingress',
      IpProtocol: 'TCP',
      PortRange: '22/22',
      SourcePortRange: '',
      SourceCidrIp: '10.0.0.2',
      Ipv6SourceCidrIp: '',
      SourceGroupId: '',
      SourceGroupName: '',
      SourceGroupOwnerAccount: '',
      SourcePrefixListId: '',
      SourcePrefixListName: '',
      DestCidrIp: '',
      Ipv6DestCidrIp: '',
      DestGroupId: '',
      DestGroupName: '',
      DestGroupOwnerAccount: '',
      DestPrefixListId: '',
      DestPrefixListName: '',
      PortRangeListId: '',
      PortRangeListName: '',
      NicType: 'intranet',
      Policy: 'Accept',
      Priority: '1',
      Description: 'pairing:x',
      CreateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  it('treats a duplicate (protocol case and description aside) as a silent success adding nothing', async () => {
    await authorize(ca, 'sg-a', [ssh]);
    const again = await authorize(ca, 'sg-a', [
      { ...ssh, ipProtocol: 'TCP', policy: 'Accept', priority: '1', description: 'other' },
    ]);
    expect(again.statusCode).toBe(200);
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(1);
    await authorize(ca, 'sg-a', [{ ...ssh, priority: '2' }]);
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(2);
  });

  it('refuses a request that would pass 200 rules whole, and takes one that reaches 200', async () => {
    w.cidrRules('sg-a', 199);
    const two: Perm[] = [ssh, { ...ssh, sourceCidrIp: '10.0.0.3' }];
    expect(await sdkError(authorize(ca, 'sg-a', two))).toMatchObject({
      code: 'AuthorizationLimitExceed',
      statusCode: 403,
    });
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(199);
    await authorize(ca, 'sg-a', [ssh, { ...ssh, sourceCidrIp: '10.1.0.0' }]); // one new, one already there
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(200);
  });

  it('counts rules against a lowered quota too (world.maxRulesPerGroup)', async () => {
    emu.emulator.world.maxRulesPerGroup = 1;
    await authorize(ca, 'sg-a', [ssh]);
    expect(await sdkError(authorize(ca, 'sg-a', [{ ...ssh, portRange: '80/80' }]))).toMatchObject({
      code: 'AuthorizationLimitExceed',
    });
  });

  it.each<[string, Perm, string, number]>([
    ['unknown protocol', { ...ssh, ipProtocol: 'sctp' }, 'InvalidIpProtocol.ValueNotSupported', 400],
    ['port range not a range', { ...ssh, portRange: '22' }, 'InvalidParam.PortRange', 400],
    ['port range reversed', { ...ssh, portRange: '200/1' }, 'InvalidParam.PortRange', 400],
    ['port above 65535', { ...ssh, portRange: '1/65536' }, 'InvalidParam.PortRange', 400],
    ['port 0', { ...ssh, portRange: '0/22' }, 'InvalidParam.PortRange', 400],
    ['tcp with -1/-1', { ...ssh, portRange: '-1/-1' }, 'OperationDenied', 400],
    ['all with ports', { ...ssh, ipProtocol: 'all', portRange: '1/65535' }, 'OperationDenied', 400],
    ['icmp with ports', { ...ssh, ipProtocol: 'ICMP', portRange: '8/8' }, 'OperationDenied', 400],
    ['cidr with a bad octet', { ...ssh, sourceCidrIp: '10.0.0.256' }, 'InvalidSourceCidrIp.Malformed', 400],
    ['cidr with a bad mask', { ...ssh, sourceCidrIp: '10.0.0.0/33' }, 'InvalidSourceCidrIp.Malformed', 400],
    ['cidr that is a name', { ...ssh, sourceCidrIp: 'example.com' }, 'InvalidSourceCidrIp.Malformed', 400],
    ['priority 0', { ...ssh, priority: '0' }, 'InvalidPriority.Malformed', 400],
    ['priority 101', { ...ssh, priority: '101' }, 'InvalidPriority.Malformed', 400],
    ['priority not a number', { ...ssh, priority: 'high' }, 'InvalidPriority.Malformed', 400],
    ['policy allow', { ...ssh, policy: 'allow' }, 'InvalidPolicy.Malformed', 400],
    ['nic type', { ...ssh, nicType: 'public' }, 'InvalidNicType.ValueNotSupported', 400],
    [
      'description over 512',
      { ...ssh, description: 'x'.repeat(513) },
      'InvalidSecurityGroupDiscription.Malformed',
      400,
    ],
    ['no source', { ipProtocol: 'tcp', portRange: '22/22' }, 'MissingParameter.Source', 400],
    ['no protocol', { portRange: '22/22', sourceCidrIp: '10.0.0.2' }, 'MissingParameter', 400],
    [
      'unknown source group',
      { ...ssh, sourceCidrIp: undefined, sourceGroupId: 'sg-nope' },
      'InvalidSourceGroupId.NotFound',
      404,
    ],
  ])('refuses %s with %s', async (_name, perm, code, statusCode) => {
    const err = await sdkError(authorize(ca, 'sg-a', [ssh, perm]));
    expect(err).toMatchObject({ code, statusCode });
    expect(await rulesOf(ca, 'sg-a')).toEqual([]); // all or nothing: the valid one is not added either
  });

  it.each(['tcp', 'UDP', 'Icmp', 'gre', 'ALL', 'icmpv6'])(
    'accepts protocol %s case-insensitively',
    async (ipProtocol) => {
      const ports = /tcp|udp/i.test(ipProtocol) ? '1/65535' : '-1/-1';
      await authorize(ca, 'sg-a', [{ ipProtocol, portRange: ports, sourceCidrIp: '10.0.0.0/8', policy: 'DROP' }]);
      const [rule] = await rulesOf(ca, 'sg-a');
      expect(rule).toMatchObject({
        ipProtocol: ipProtocol.toLowerCase() === 'icmpv6' ? 'ICMPv6' : ipProtocol.toUpperCase(),
        policy: 'Drop',
      });
    },
  );

  it('accepts the deprecated single-rule fields, but not together with Permissions.N', async () => {
    await authorize(ca, 'sg-a', [], { ipProtocol: 'udp', portRange: '53/53', sourceCidrIp: '10.0.0.9' });
    expect(await rulesOf(ca, 'sg-a')).toMatchObject([
      { ipProtocol: 'UDP', portRange: '53/53', sourceCidrIp: '10.0.0.9' },
    ]);
    const both = authorize(ca, 'sg-a', [ssh], { ipProtocol: 'udp', portRange: '53/53', sourceCidrIp: '10.0.0.9' });
    expect(await sdkError(both)).toMatchObject({ code: 'InvalidParam.Permissions', statusCode: 400 });
  });

  it('refuses more than 100 permissions in one request', async () => {
    const many = Array.from({ length: 101 }, (_, n): Perm => ({ ...ssh, sourceCidrIp: `10.2.0.${n}` }));
    expect(await sdkError(authorize(ca, 'sg-a', many))).toMatchObject({ code: 'InvalidParameter', statusCode: 400 });
    await authorize(ca, 'sg-a', many.slice(0, 100));
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(100);
  });
});

describe('ClientToken', () => {
  it('applies a replayed request once', async () => {
    await authorize(ca, 'sg-a', [ssh], { clientToken: 'tok-1' });
    const [rule] = await rulesOf(ca, 'sg-a');
    emu.emulator.world.groups.get('sg-a')!.rules = []; // the rule goes away behind the token's back
    const replay = await authorize(ca, 'sg-a', [ssh], { clientToken: 'tok-1' });
    expect(replay.statusCode).toBe(200);
    expect(await rulesOf(ca, 'sg-a')).toEqual([]);
    await authorize(ca, 'sg-a', [ssh], { clientToken: 'tok-2' });
    expect((await rulesOf(ca, 'sg-a'))[0].securityGroupRuleId).not.toBe(rule.securityGroupRuleId);
  });

  it('refuses the same token with other parameters (IdempotentParameterMismatch)', async () => {
    await authorize(ca, 'sg-a', [ssh], { clientToken: 'tok-1' });
    const other = authorize(ca, 'sg-a', [{ ...ssh, portRange: '80/80' }], { clientToken: 'tok-1' });
    expect(await sdkError(other)).toMatchObject({ code: 'IdempotentParameterMismatch', statusCode: 400 });
  });
});

describe('eventual consistency', () => {
  it('hides a rule until its visibleAt has passed', async () => {
    w.rule('sg-a', { ruleId: 'sgr-1' });
    w.rule('sg-a', { ruleId: 'sgr-2', sourceCidrIp: '10.0.0.7', visibleAt: Date.now() + 60_000 });
    expect((await rulesOf(ca, 'sg-a')).map((r) => r.securityGroupRuleId)).toEqual(['sgr-1']);
    emu.emulator.clock = () => Date.now() + 120_000;
    expect((await rulesOf(ca, 'sg-a')).map((r) => r.securityGroupRuleId)).toEqual(['sgr-1', 'sgr-2']);
  });

  it('still counts a hidden rule as present (a duplicate adds nothing)', async () => {
    w.rule('sg-a', { sourceCidrIp: '10.0.0.2', visibleAt: Date.now() + 60_000 });
    await authorize(ca, 'sg-a', [ssh]);
    expect(emu.emulator.world.groups.get('sg-a')!.rules).toHaveLength(1);
  });

  it('pages the rules with MaxResults/NextToken (10..1000) and filters by Direction', async () => {
    w.cidrRules('sg-a', 25).rule('sg-a', { direction: 'egress', ruleId: 'sgr-out', destCidrIp: '0.0.0.0/0' });
    const seen: string[] = [];
    let token = '';
    do {
      const page = await attribute(ca, 'sg-a', { maxResults: 3, nextToken: token || undefined }); // clamped to 10
      expect(page.permissions!.permission!.length).toBeLessThanOrEqual(10);
      seen.push(...page.permissions!.permission!.map((p) => p.securityGroupRuleId!));
      token = page.nextToken ?? '';
    } while (token);
    expect(new Set(seen).size).toBe(26);
    expect(seen[25]).toBe('sgr-out'); // ingress first
    expect(
      (await attribute(ca, 'sg-a', { direction: 'egress' })).permissions!.permission!.map((p) => p.securityGroupRuleId),
    ).toEqual(['sgr-out']);
  });
});
