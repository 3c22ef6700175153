import type Ecs from '@alicloud/ecs20140526';
import * as $Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError } from '../support/clients';
import { authorize, client, revoke, rt, rulesOf, type Perm } from '../support/ecs-calls';
import { ACCOUNT_A_ID, REGION, WorldBuilder } from '../support/world-builder';

/**
 * Codes and limits as the current ECS error tables give them (issue 12, item 7): one rule form per
 * request, no rule twice in one request, RunCommand on 1..100 instances, DescribeInvocationResults
 * paged by MaxResults (at most 50). Enterprise and reference-limit codes: ecs-references.test.ts.
 */
let emu: RunningEmulator;
let ca: Ecs;
let w: WorldBuilder;
const ssh: Perm = { ipProtocol: 'tcp', portRange: '22/22', sourceCidrIp: '10.0.0.2' };
const web: Perm = { ipProtocol: 'tcp', portRange: '443/443', sourceCidrIp: '10.0.0.3' };
const instanceIds = (n: number) => Array.from({ length: n }, (_, i) => `i-${String(i).padStart(3, '0')}`);

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  w = new WorldBuilder(emu.emulator.world);
  ca = client(emu, w.account(ACCOUNT_A_ID));
  w.vpc('vpc-a', ACCOUNT_A_ID).group('sg-a', ACCOUNT_A_ID, 'vpc-a');
  for (const id of instanceIds(101)) w.instance(id, ACCOUNT_A_ID, 'vpc-a', ['sg-a']);
});
afterAll(() => emu?.close());

describe('security group rules', () => {
  it('refuses a revoke by rule id and by permission at once (InvalidParam.Permissions, 400), removing nothing', async () => {
    await authorize(ca, 'sg-a', [ssh, web]);
    const [first] = await rulesOf(ca, 'sg-a');

    const both = revoke(ca, 'sg-a', [web], { securityGroupRuleId: [first.securityGroupRuleId] });

    expect(await sdkError(both)).toMatchObject({ code: 'InvalidParam.Permissions', statusCode: 400 });
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(2);
  });

  it('refuses the same rule twice in one request (InvalidParam.DuplicatePermissions, 400), on authorize and revoke', async () => {
    await authorize(ca, 'sg-a', [web]);
    const twice: Perm[] = [ssh, { ...ssh, ipProtocol: 'TCP', description: 'same rule, other words' }];

    const added = await sdkError(authorize(ca, 'sg-a', twice));
    const removed = await sdkError(revoke(ca, 'sg-a', [web, { ...web }]));

    expect(added).toMatchObject({ code: 'InvalidParam.DuplicatePermissions', statusCode: 400 });
    expect(removed).toMatchObject({ code: 'InvalidParam.DuplicatePermissions', statusCode: 400 });
    expect((await rulesOf(ca, 'sg-a')).map((r) => r.portRange)).toEqual(['443/443']);
  });
});

describe('Cloud Assistant', () => {
  const runCommand = (ids: string[]) =>
    ca.runCommandWithOptions(
      new $Ecs.RunCommandRequest({ regionId: REGION, type: 'RunShellScript', commandContent: 'true', instanceId: ids }),
      rt,
    );

  it('runs a command on 100 instances, and refuses 101 (InstanceIds.ExceedLimit)', async () => {
    const hundred = await runCommand(instanceIds(100));

    expect(hundred.body?.invokeId).toMatch(/^t-/);
    expect(await sdkError(runCommand(instanceIds(101)))).toMatchObject({ code: 'InstanceIds.ExceedLimit' });
  });

  it('pages invocation results by MaxResults (at most 50) and NextToken', async () => {
    emu.emulator.world.invocationRunningPolls = 0;
    const invokeId = (await runCommand(instanceIds(60))).body!.invokeId!;
    const page = (nextToken?: string) =>
      ca.describeInvocationResultsWithOptions(
        new $Ecs.DescribeInvocationResultsRequest({ regionId: REGION, invokeId, maxResults: 80, nextToken }),
        rt,
      );

    const first = (await page()).body!.invocation!;
    const second = (await page(first.nextToken)).body!.invocation!;

    expect(first.invocationResults?.invocationResult).toHaveLength(50);
    expect(first).toMatchObject({ totalCount: 60, nextToken: expect.stringMatching(/.+/) });
    expect(second.invocationResults?.invocationResult).toHaveLength(10);
    expect(second.nextToken).toBe('');
    const seen = [...first.invocationResults!.invocationResult!, ...second.invocationResults!.invocationResult!];
    expect(new Set(seen.map((r) => r.instanceId)).size).toBe(60);
  });
});
