import * as $Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError } from '../support/clients';
import { authorize, client, rt } from '../support/ecs-calls';
import { ACCOUNT_A_ID, REGION, WorldBuilder } from '../support/world-builder';

// ModifySecurityGroupRule (deployment identity's migration): one ingress rule's Description, by its
// SecurityGroupRuleId, in place; the emulator models the Description only.

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const modify = (c: ReturnType<typeof client>, extra: Partial<$Ecs.ModifySecurityGroupRuleRequest>) =>
  c.modifySecurityGroupRuleWithOptions(
    new $Ecs.ModifySecurityGroupRuleRequest({ regionId: REGION, securityGroupId: 'sg-m', ...extra }),
    rt,
  );

describe('ModifySecurityGroupRule', () => {
  it('rewrites the description of the rule named by id (same id, same key); refuses an unknown id and any other field', async () => {
    const w = new WorldBuilder(emu.emulator.world);
    const creds = w.account(ACCOUNT_A_ID);
    w.vpc('vpc-m', ACCOUNT_A_ID).group('sg-m', ACCOUNT_A_ID, 'vpc-m');
    const c = client(emu, creds);
    await authorize(c, 'sg-m', [
      { ipProtocol: 'TCP', portRange: '22/22', sourceCidrIp: '10.0.0.1/32', description: 'old' },
    ]);
    const rule = emu.emulator.world.groups.get('sg-m')!.rules.find((r) => r.direction === 'ingress')!;

    await modify(c, { securityGroupRuleId: rule.ruleId, description: 'sg-pairing:demo:x:team-a' });

    const after = emu.emulator.world.groups.get('sg-m')!.rules.filter((r) => r.direction === 'ingress');
    expect(after.map((r) => [r.ruleId, r.portRange, r.sourceCidrIp, r.description])).toEqual([
      [rule.ruleId, '22/22', '10.0.0.1/32', 'sg-pairing:demo:x:team-a'],
    ]);
    expect((await sdkError(modify(c, { securityGroupRuleId: 'sgr-none', description: 'x' }))).code).toBe(
      'InvalidParam.SecurityGroupRuleId',
    );
    expect((await sdkError(modify(c, { securityGroupRuleId: rule.ruleId, portRange: '23/23' }))).code).toBe(
      'InvalidParameter',
    );
  });
});
