import { describe, expect, it } from 'vitest';
import * as $Ecs from '@alicloud/ecs20140526';
import * as $dara from '@darabonba/typescript';
import { ecsClient } from '../support/clients';
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_ID, HUB_ACCOUNT_ID } from '../support/identities';
import { exampleScenario, ingressRules, revokeWebPairRuleByHand } from '../support/product';
import { instanceEventsAgainst } from '../support/instance-events';
import { useEmulator } from '../support/use-emulator';

// instance-events on events routed from a member account to the hub's bus (issue 12, item 3) and on
// state changes whose state is flat under data (issue 12, item 4), as the emulator delivers them.
const rt = new $dara.RuntimeOptions({});
const cloud = useEmulator();
const { start, invoke } = instanceEventsAgainst(cloud);
const ecsA = (url: string) => ecsClient(url, ACCOUNT_A_CREDENTIALS);

describe('instance-events: a member event routed to the hub', () => {
  it("a's RunInstances, routed to the hub's bus, reconciles a's pairing (the sender, not the hub)", async () => {
    const emu = await start(exampleScenario(), { converge: false });
    emu.emulator.events.delivery = { ...emu.emulator.events.delivery, hubAccountId: HUB_ACCOUNT_ID };
    await ecsA(emu.url).runInstancesWithOptions(
      new $Ecs.RunInstancesRequest({
        regionId: 'cn-qingdao',
        securityGroupId: 'sg-bp1azkttqpldxgte0001',
        amount: 1,
        instanceType: 'ecs.g7.large',
        imageId: 'aliyun_3_x64',
      }),
      rt,
    );
    const [routed] = emu.emulator.events.ofType('ecs:ActionTrail:ApiCall');
    expect(routed).toMatchObject({ aliyunaccountid: HUB_ACCOUNT_ID, aliyunoriginalaccountid: ACCOUNT_A_ID });

    const result = await invoke(Buffer.from(JSON.stringify(routed)));

    expect(result).toMatchObject({
      status: 'Reconciled',
      pairings: ['app-db'],
      ignored: [],
      report: { ok: true, pairings: [{ name: 'app-db', status: 'Changed', counts: { added: 2 } }] },
    });
    expect(ingressRules(emu, 'sg-bp1azkttqpldxgte0001')).toEqual([
      expect.objectContaining({ description: 'sg-pairing:demo:app-db' }),
    ]);
  });
});

describe('instance-events: a state change with its state flat under data', () => {
  it.each(['flat', 'content'] as const)(
    'delivered %s: an instance back to Running restores the rule revoked meanwhile',
    async (shape) => {
      const emu = await start();
      emu.emulator.events.delivery = { stateChangeShape: shape };
      await revokeWebPairRuleByHand(emu);
      const ecs = ecsA(emu.url);
      await ecs.stopInstanceWithOptions(new $Ecs.StopInstanceRequest({ instanceId: 'i-a2' }), rt);
      await ecs.startInstanceWithOptions(new $Ecs.StartInstanceRequest({ instanceId: 'i-a2' }), rt);
      const running = emu.emulator.events
        .ofType('ecs:Instance:StateChange')
        .filter((e) => (shape === 'flat' ? e.data.state : (e.data.content as { state: string }).state) === 'Running');
      expect(running).toHaveLength(1);
      expect(running[0].data).toHaveProperty(shape === 'flat' ? 'state' : 'content');

      const result = await invoke(Buffer.from(JSON.stringify(running[0])));

      expect(result).toMatchObject({ status: 'Reconciled', ignored: [] });
      expect(result.pairings).toContain('web-pair');
      expect(ingressRules(emu, 'sg-a1')).toEqual([
        expect.objectContaining({ sourceCidrIp: '10.0.0.2/32', description: 'sg-pairing:demo:web-pair' }),
      ]);
    },
  );
});
