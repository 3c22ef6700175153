import type Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError } from '../support/clients';
import { authorize, client, rulesOf, type Perm } from '../support/ecs-calls';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, WorldBuilder } from '../support/world-builder';

/**
 * Group-to-group rules: same VPC only (a VPC shared between accounts counts), never the group itself,
 * never from an enterprise group, at most 20 referenced groups, classic only with classic.
 */
let emu: RunningEmulator;
let ca: Ecs;
let w: WorldBuilder;
const from = (sourceGroupId: string, extra: Perm = {}): Perm => ({
  ipProtocol: 'all',
  portRange: '-1/-1',
  sourceGroupId,
  ...extra,
});

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  w = new WorldBuilder(emu.emulator.world);
  ca = client(emu, w.account(ACCOUNT_A_ID, 'alice@example.com'));
  w.account(ACCOUNT_B_ID, 'bob@example.com');
  w.vpc('vpc-a', ACCOUNT_A_ID)
    .vpc('vpc-a2', ACCOUNT_A_ID)
    .vpc('vpc-b', ACCOUNT_B_ID)
    .vpc('vpc-shared', ACCOUNT_A_ID, '10.8.0.0/16', [ACCOUNT_B_ID]);
  w.group('sg-a', ACCOUNT_A_ID, 'vpc-a')
    .group('sg-a-peer', ACCOUNT_A_ID, 'vpc-a')
    .group('sg-a2', ACCOUNT_A_ID, 'vpc-a2')
    .group('sg-b', ACCOUNT_B_ID, 'vpc-b');
  w.group('sg-as', ACCOUNT_A_ID, 'vpc-shared').group('sg-bs', ACCOUNT_B_ID, 'vpc-shared', { name: 'bob-web' });
});
afterAll(() => emu?.close());

describe('same account', () => {
  it('references a group of the same VPC, reported with the owner UID', async () => {
    await authorize(ca, 'sg-a', [from('sg-a-peer')]);
    expect(await rulesOf(ca, 'sg-a')).toMatchObject([
      {
        sourceGroupId: 'sg-a-peer',
        sourceGroupName: 'sg-a-peer',
        sourceGroupOwnerAccount: ACCOUNT_A_ID,
        sourceCidrIp: '',
        nicType: 'intranet',
      },
    ]);
  });

  it('refuses a group of another VPC (InvalidSourceGroupId.Mismatch, 400)', async () => {
    expect(await sdkError(authorize(ca, 'sg-a', [from('sg-a2')]))).toMatchObject({
      code: 'InvalidSourceGroupId.Mismatch',
      statusCode: 400,
    });
  });

  it('refuses the group itself (InvalidParamter.Conflict, 403)', async () => {
    expect(await sdkError(authorize(ca, 'sg-a', [from('sg-a')]))).toMatchObject({
      code: 'InvalidParamter.Conflict',
      statusCode: 403,
    });
  });

  it('lets a CIDR win over a group given with it', async () => {
    await authorize(ca, 'sg-a', [from('sg-a2', { sourceCidrIp: '10.0.0.2' })]);
    expect(await rulesOf(ca, 'sg-a')).toMatchObject([{ sourceCidrIp: '10.0.0.2', sourceGroupId: '' }]);
  });
});

describe('across accounts', () => {
  it('accepts a group of a VPC shared with both accounts, by SourceGroupOwnerId or by UID in SourceGroupOwnerAccount', async () => {
    await authorize(ca, 'sg-as', [from('sg-bs', { sourceGroupOwnerId: Number(ACCOUNT_B_ID) })]);
    await authorize(ca, 'sg-as', [from('sg-bs', { sourceGroupOwnerAccount: ACCOUNT_B_ID, description: 'same rule' })]);
    expect(await rulesOf(ca, 'sg-as')).toMatchObject([
      { sourceGroupId: 'sg-bs', sourceGroupName: 'bob-web', sourceGroupOwnerAccount: ACCOUNT_B_ID },
    ]);
  });

  it('also finds the owner by account name', async () => {
    await authorize(ca, 'sg-as', [from('sg-bs', { sourceGroupOwnerAccount: 'bob@example.com' })]);
    expect(await rulesOf(ca, 'sg-as')).toMatchObject([{ sourceGroupOwnerAccount: ACCOUNT_B_ID }]);
  });

  it("looks the source up in the caller's account when no owner is given", async () => {
    expect(await sdkError(authorize(ca, 'sg-as', [from('sg-bs')]))).toMatchObject({
      code: 'InvalidSourceGroupId.NotFound',
      statusCode: 404,
    });
  });

  it("refuses another account's group in an unshared VPC", async () => {
    const err = await sdkError(authorize(ca, 'sg-a', [from('sg-b', { sourceGroupOwnerId: Number(ACCOUNT_B_ID) })]));
    expect(err).toMatchObject({ code: 'InvalidSourceGroupId.Mismatch', statusCode: 400 });
  });

  it('refuses once the VPC is no longer shared with the other account', async () => {
    emu.emulator.world.vpcs.get('vpc-shared')!.sharedWith = [];
    const err = await sdkError(authorize(ca, 'sg-as', [from('sg-bs', { sourceGroupOwnerId: Number(ACCOUNT_B_ID) })]));
    expect(err).toMatchObject({ code: 'InvalidSourceGroupId.Mismatch' });
  });
});

describe('group kinds and quotas', () => {
  it('refuses any group reference from an enterprise group', async () => {
    w.group('sg-ent', ACCOUNT_A_ID, 'vpc-a', { type: 'enterprise', innerAccessPolicy: 'Drop' });
    const err = await sdkError(authorize(ca, 'sg-ent', [from('sg-a')]));
    expect(err).toMatchObject({ code: 'InvalidGroupAuthParameter.OperationDenied', statusCode: 400 });
    await authorize(ca, 'sg-ent', [{ ipProtocol: 'all', portRange: '-1/-1', sourceCidrIp: '10.0.0.0/8' }]);
    expect(await rulesOf(ca, 'sg-ent')).toHaveLength(1);
  });

  it('refuses the 21st referenced group, all or nothing, but not more rules to a group already referenced', async () => {
    const peers = Array.from({ length: 21 }, (_, n) => `sg-r${String(n).padStart(2, '0')}`);
    for (const id of peers) w.group(id, ACCOUNT_A_ID, 'vpc-a');
    await authorize(
      ca,
      'sg-a',
      peers.slice(0, 20).map((id) => from(id)),
    );
    const err = await sdkError(authorize(ca, 'sg-a', [from('sg-r00', { policy: 'drop' }), from(peers[20])]));
    expect(err).toMatchObject({ code: 'AuthorizedGroupRule.LimitExceed', statusCode: 400 });
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(20);
    await authorize(ca, 'sg-a', [from('sg-r00', { ipProtocol: 'tcp', portRange: '22/22' })]);
    expect(await rulesOf(ca, 'sg-a')).toHaveLength(21);
  });

  it('refuses mixing classic and VPC groups (InvalidNetworkType.Mismatch, 403); classic references classic', async () => {
    w.group('sg-c1', ACCOUNT_A_ID, '').group('sg-c2', ACCOUNT_A_ID, '');
    expect(await sdkError(authorize(ca, 'sg-a', [from('sg-c1')]))).toMatchObject({
      code: 'InvalidNetworkType.Mismatch',
      statusCode: 403,
    });
    expect(await sdkError(authorize(ca, 'sg-c1', [from('sg-a')]))).toMatchObject({
      code: 'InvalidNetworkType.Mismatch',
    });
    await authorize(ca, 'sg-c1', [from('sg-c2'), { ipProtocol: 'tcp', portRange: '80/80', sourceCidrIp: '0.0.0.0/0' }]);
    expect(await rulesOf(ca, 'sg-c1')).toMatchObject([{ nicType: 'intranet' }, { nicType: 'internet' }]);
  });

  it('validates every permission before applying any', async () => {
    const ok = from('sg-a-peer');
    expect(await sdkError(authorize(ca, 'sg-a', [ok, from('sg-a2')]))).toMatchObject({
      code: 'InvalidSourceGroupId.Mismatch',
    });
    expect(await rulesOf(ca, 'sg-a')).toEqual([]);
  });
});
