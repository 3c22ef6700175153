import type Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError } from '../support/clients';
import { authorize, client, revoke, rulesOf, type Perm } from '../support/ecs-calls';
import { ACCOUNT_A_ID, WorldBuilder } from '../support/world-builder';

/**
 * RevokeSecurityGroup by SecurityGroupRuleId.N as its error table gives it since 2024-07-08 (issue
 * 12, item 1): an id that is not an ingress rule of the group refuses the whole call, the same id
 * twice is refused, a ClientToken replay of a revoke that landed is still answered as it was.
 */
let emu: RunningEmulator;
let ca: Ecs;
const perm = (port: number): Perm => ({ ipProtocol: 'tcp', portRange: `${port}/${port}`, sourceCidrIp: '10.0.0.2' });
const idsOf = async (groupId: string) => (await rulesOf(ca, groupId)).map((r) => r.securityGroupRuleId!);
const byIds = (groupId: string, ids: string[], extra: Record<string, unknown> = {}) =>
  revoke(ca, groupId, [], { securityGroupRuleId: ids, ...extra });

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  const w = new WorldBuilder(emu.emulator.world);
  ca = client(emu, w.account(ACCOUNT_A_ID));
  w.vpc('vpc-a', ACCOUNT_A_ID).group('sg-a', ACCOUNT_A_ID, 'vpc-a').group('sg-other', ACCOUNT_A_ID, 'vpc-a');
  await authorize(ca, 'sg-a', [perm(22), perm(80), perm(443)]);
  await authorize(ca, 'sg-other', [perm(22)]);
});
afterAll(() => emu?.close());

describe('RevokeSecurityGroup by SecurityGroupRuleId.N', () => {
  it('refuses the whole call when one id of the batch is gone, then removes the rest when sent without it', async () => {
    const [a, b, c] = await idsOf('sg-a');
    await byIds('sg-a', [b]); // gone, e.g. revoked by an overlapping run

    const refused = await sdkError(byIds('sg-a', [a, b, c]));

    expect(refused).toMatchObject({ code: 'InvalidParam.SecurityGroupRuleId', statusCode: 400 });
    expect(await idsOf('sg-a')).toEqual([a, c]);
    await byIds('sg-a', [a, c]);
    expect(await idsOf('sg-a')).toEqual([]);
  });

  it("refuses an id of another group's rule, removing nothing from either", async () => {
    const [other] = await idsOf('sg-other');
    const [a] = await idsOf('sg-a');

    expect(await sdkError(byIds('sg-a', [a, other]))).toMatchObject({
      code: 'InvalidParam.SecurityGroupRuleId',
      statusCode: 400,
    });
    expect(await idsOf('sg-a')).toHaveLength(3);
    expect(await idsOf('sg-other')).toEqual([other]);
  });

  it('refuses the same id twice in one request (InvalidParam.SecurityGroupRuleIdRepeated, 400), removing nothing', async () => {
    const [a, b] = await idsOf('sg-a');

    expect(await sdkError(byIds('sg-a', [a, b, a]))).toMatchObject({
      code: 'InvalidParam.SecurityGroupRuleIdRepeated',
      statusCode: 400,
    });
    expect(await idsOf('sg-a')).toHaveLength(3);
  });

  it('answers a ClientToken replay of a revoke that landed as it was; the same ids under a new token are refused', async () => {
    const [a] = await idsOf('sg-a');
    await byIds('sg-a', [a], { clientToken: 'revoke-1' });

    const replay = await byIds('sg-a', [a], { clientToken: 'revoke-1' });
    const fresh = await sdkError(byIds('sg-a', [a], { clientToken: 'revoke-2' }));

    expect(replay.statusCode).toBe(200);
    expect(fresh).toMatchObject({ code: 'InvalidParam.SecurityGroupRuleId', statusCode: 400 });
    expect(await idsOf('sg-a')).toHaveLength(2);
  });

  it.each([
    ['InvalidSecurityGroupRuleId.NotFound', 404],
    ['InvalidSecurityGroupRule.RuleNotExist', 400],
  ])('gives the error table\'s other "rule gone" answer %s (%i) through a failNext fault', async (code, status) => {
    const [a] = await idsOf('sg-a');
    emu.emulator.faults.set({ action: 'RevokeSecurityGroup', failNext: { count: 1, code } });

    expect(await sdkError(byIds('sg-a', [a]))).toMatchObject({ code, statusCode: status });
    expect(await idsOf('sg-a')).toHaveLength(3);
  });
});
