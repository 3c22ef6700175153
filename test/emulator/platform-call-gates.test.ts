import type Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { authorize, client, revoke, rulesOf, type Perm } from '../support/ecs-calls';
import { ACCOUNT_A_ID, WorldBuilder } from '../support/world-builder';

/** `emulator.gates.hold(action, count)`: the test hook that interleaves callers without sleeps. */
let emu: RunningEmulator;
let ca: Ecs;
const ssh: Perm = { ipProtocol: 'tcp', portRange: '22/22', sourceCidrIp: '10.0.0.2' };
const web: Perm = { ipProtocol: 'tcp', portRange: '443/443', sourceCidrIp: '10.0.0.3' };
const ports = async () => (await rulesOf(ca, 'sg-a')).map((r) => r.portRange);

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  const w = new WorldBuilder(emu.emulator.world);
  ca = client(emu, w.account(ACCOUNT_A_ID));
  w.vpc('vpc-a', ACCOUNT_A_ID).group('sg-a', ACCOUNT_A_ID, 'vpc-a');
  await authorize(ca, 'sg-a', [ssh, web]);
});
afterAll(() => emu?.close());

describe('call gates', () => {
  it('holds the next calls of an action until released; other calls, and later ones, pass', async () => {
    const gate = emu.emulator.gates.hold('RevokeSecurityGroup', 2);
    const held = [revoke(ca, 'sg-a', [ssh]), revoke(ca, 'sg-a', [web])];
    await gate.reached;

    // both are waiting before the handler: nothing revoked yet, reads still answered
    expect(await ports()).toEqual(['22/22', '443/443']);
    await authorize(ca, 'sg-a', [{ ...ssh, portRange: '80/80' }]);
    await revoke(ca, 'sg-a', [{ ...ssh, portRange: '80/80' }]); // the third call is not held

    gate.release();
    expect((await Promise.all(held)).map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await ports()).toEqual([]);
  });

  it('reset releases a held call', async () => {
    const gate = emu.emulator.gates.hold('RevokeSecurityGroup');
    const held = revoke(ca, 'sg-a', [ssh]);
    await gate.reached;

    emu.emulator.reset();

    await expect(held).rejects.toMatchObject({ code: 'InvalidSecurityGroupId.NotFound' });
  });
});
