import type Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError } from '../support/clients';
import { authorize, client, revoke, rulesOf, type Perm } from '../support/ecs-calls';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, WorldBuilder } from '../support/world-builder';

let emu: RunningEmulator;
let ca: Ecs;
let w: WorldBuilder;
const ssh: Perm = { ipProtocol: 'tcp', portRange: '22/22', sourceCidrIp: '10.0.0.2', description: 'a' };
const web: Perm = { ipProtocol: 'tcp', portRange: '443/443', sourceCidrIp: '10.0.0.3' };

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  w = new WorldBuilder(emu.emulator.world);
  ca = client(emu, w.account(ACCOUNT_A_ID));
  w.account(ACCOUNT_B_ID);
  w.vpc('vpc-s', ACCOUNT_A_ID, '10.8.0.0/16', [ACCOUNT_B_ID])
    .group('sg-a', ACCOUNT_A_ID, 'vpc-s')
    .group('sg-b', ACCOUNT_B_ID, 'vpc-s');
  await authorize(ca, 'sg-a', [ssh, web]);
});
afterAll(() => emu?.close());

describe('RevokeSecurityGroup', () => {
  it('removes a rule by SecurityGroupRuleId.N', async () => {
    const [first] = await rulesOf(ca, 'sg-a');
    await revoke(ca, 'sg-a', [], { securityGroupRuleId: [first.securityGroupRuleId] });
    expect((await rulesOf(ca, 'sg-a')).map((r) => r.portRange)).toEqual(['443/443']);
  });

  it('removes a rule by permission, whatever the protocol case or description', async () => {
    await revoke(ca, 'sg-a', [{ ...ssh, ipProtocol: 'TCP', description: 'something else' }]);
    expect((await rulesOf(ca, 'sg-a')).map((r) => r.portRange)).toEqual(['443/443']);
  });

  it('removes a cross-account group rule given the same owner', async () => {
    const peer: Perm = {
      ipProtocol: 'all',
      portRange: '-1/-1',
      sourceGroupId: 'sg-b',
      sourceGroupOwnerId: Number(ACCOUNT_B_ID),
    };
    await authorize(ca, 'sg-a', [peer]);
    await revoke(ca, 'sg-a', [{ ...peer, sourceGroupOwnerId: undefined }]); // owner defaults to the caller: no match
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(3);
    await revoke(ca, 'sg-a', [peer]);
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(2);
  });

  it('accepts the deprecated single-rule form', async () => {
    await revoke(ca, 'sg-a', [], { ipProtocol: 'tcp', portRange: '443/443', sourceCidrIp: '10.0.0.3' });
    expect((await rulesOf(ca, 'sg-a')).map((r) => r.portRange)).toEqual(['22/22']);
  });

  it('succeeds silently, removing nothing, for a permission no rule matches', async () => {
    const byPermission = await revoke(ca, 'sg-a', [{ ...ssh, portRange: '23/23' }]);
    expect(byPermission.statusCode).toBe(200);
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(2);
  });

  it('refuses the whole call for a rule id that does not exist (InvalidParam.SecurityGroupRuleId, 400), removing nothing', async () => {
    // since 2024-07-08; the error cases are in ecs-revoke-rule-ids.test.ts
    const [first] = await rulesOf(ca, 'sg-a');
    const err = await sdkError(
      revoke(ca, 'sg-a', [], { securityGroupRuleId: [first.securityGroupRuleId, 'sgr-gone'] }),
    );
    expect(err).toMatchObject({ code: 'InvalidParam.SecurityGroupRuleId', statusCode: 400 });
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(2);
  });

  it('validates permissions like Authorize, all or nothing', async () => {
    const err = await sdkError(revoke(ca, 'sg-a', [ssh, { ...web, portRange: '443' }]));
    expect(err).toMatchObject({ code: 'InvalidParam.PortRange', statusCode: 400 });
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(2);
  });

  it('needs a permission or a rule id', async () => {
    expect(await sdkError(revoke(ca, 'sg-a', []))).toMatchObject({ code: 'MissingParameter', statusCode: 400 });
  });

  it("answers 404 for another account's group", async () => {
    const cb = client(emu, { accessKeyId: `AK${ACCOUNT_B_ID}`, accessKeySecret: `secret-${ACCOUNT_B_ID}` });
    expect(await sdkError(revoke(cb, 'sg-a', [ssh]))).toMatchObject({
      code: 'InvalidSecurityGroupId.NotFound',
      statusCode: 404,
    });
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(2);
  });

  it('revokes once per ClientToken', async () => {
    await revoke(ca, 'sg-a', [ssh], { clientToken: 'r-1' });
    await authorize(ca, 'sg-a', [ssh]);
    await revoke(ca, 'sg-a', [ssh], { clientToken: 'r-1' });
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(2);
  });

  it('leaves egress rules alone', async () => {
    w.rule('sg-a', {
      ruleId: 'sgr-out',
      direction: 'egress',
      ipProtocol: 'TCP',
      portRange: '22/22',
      sourceCidrIp: '10.0.0.2',
    });
    await revoke(ca, 'sg-a', [ssh]);
    // an egress rule's id is no ingress rule of the group: refused like an id that is gone
    const byId = await sdkError(revoke(ca, 'sg-a', [], { securityGroupRuleId: ['sgr-out'] }));
    expect(byId).toMatchObject({ code: 'InvalidParam.SecurityGroupRuleId', statusCode: 400 });
    expect((await rulesOf(ca, 'sg-a')).map((r) => r.securityGroupRuleId)).toContain('sgr-out');
  });
});
