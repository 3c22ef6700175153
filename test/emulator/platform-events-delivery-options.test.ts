import * as $Ecs from '@alicloud/ecs20140526';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator';
import { ecsClient } from '../support/clients';
import { ACCOUNT_A_ID, ACCOUNT_A_CREDENTIALS, HUB_ACCOUNT_ID, startSeeded } from '../support/emulator-platform-fixture';

// How the emulator delivers its CloudEvents: as routed to a hub account's bus (issue 12, item 3) and
// with the state change's state nested under data.content or flat under data (issue 12, item 4).

const REGION = 'cn-qingdao';

async function control(e: RunningEmulator, method: string, body?: unknown) {
  const res = await fetch(`${e.url}/_emulator/event-delivery`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const stopThenStart = async (e: RunningEmulator) => {
  const ecs = ecsClient(e.url, ACCOUNT_A_CREDENTIALS);
  await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: 'i-a1' }));
  await ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: 'i-a1' }));
  return e.emulator.events.ofType('ecs:Instance:StateChange');
};

describe('emulator platform: event delivery options', () => {
  let e: RunningEmulator;
  afterEach(() => e.close());

  it('by default an event names its own account in both account fields, and nests the state under data.content', async () => {
    e = await startSeeded();
    const [change] = await stopThenStart(e);
    expect(change).toMatchObject({ aliyunaccountid: ACCOUNT_A_ID, aliyunoriginalaccountid: ACCOUNT_A_ID });
    expect(change.data).toMatchObject({
      resourceId: `acs:ecs:${REGION}:${ACCOUNT_A_ID}:instance/i-a1`,
      content: { resourceId: 'i-a1', state: expect.any(String) },
    });
    expect(change.data).not.toHaveProperty('state');
  });

  it('routed to the hub: aliyunaccountid is the hub, aliyunoriginalaccountid and the record stay the sender; null stops routing', async () => {
    e = await startSeeded();
    expect(await control(e, 'POST', { hubAccountId: HUB_ACCOUNT_ID })).toEqual({
      status: 200,
      body: { hubAccountId: HUB_ACCOUNT_ID, stateChangeShape: 'content' },
    });
    await ecsClient(e.url, ACCOUNT_A_CREDENTIALS).runInstances(
      new $Ecs.RunInstancesRequest({ regionId: REGION, securityGroupId: 'sg-a1', amount: 1, imageId: 'img' }),
    );
    const [call] = e.emulator.events.ofType('ecs:ActionTrail:ApiCall');
    expect(call).toMatchObject({
      aliyunaccountid: HUB_ACCOUNT_ID,
      aliyunoriginalaccountid: ACCOUNT_A_ID,
      subject: expect.stringContaining(`:${ACCOUNT_A_ID}:instance/`),
      data: { eventName: 'RunInstances', userIdentity: { accountId: ACCOUNT_A_ID } },
    });
    expect(await control(e, 'POST', { hubAccountId: null })).toMatchObject({
      status: 200,
      body: { stateChangeShape: 'content' },
    });
    expect((await control(e, 'GET')).body).not.toHaveProperty('hubAccountId');
  });

  it('flat: the content fields hoisted into data (state, the instance ID as resourceId)', async () => {
    e = await startSeeded({ eventDelivery: { stateChangeShape: 'flat' } });
    const changes = await stopThenStart(e);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(change.data).toMatchObject({
        resourceId: 'i-a1',
        resourceType: 'ALIYUN::ECS::Instance',
        userId: ACCOUNT_A_ID,
      });
      expect(change.data).toHaveProperty('state');
      expect(change.data).not.toHaveProperty('content');
    }
    expect(changes.map((c) => c.data.state)).toContain('Running');
    expect((await control(e, 'GET')).body).toEqual({ stateChangeShape: 'flat' });
  });

  it('a bad body answers 400 naming every field at fault, and changes nothing', async () => {
    e = await startSeeded();
    const res = await control(e, 'POST', { hubAccountId: 'hub', stateChangeShape: 'nested', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.Code).toBe('InvalidBody');
    expect((res.body.Issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
      'extra',
      'hubAccountId',
      'stateChangeShape',
    ]);
    expect((await control(e, 'GET')).body).toEqual({ stateChangeShape: 'content' });
  });
});
