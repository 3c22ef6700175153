import * as $Ecs from '@alicloud/ecs20140526';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CloudEvent, RunningEmulator } from '../../emulator';
import { ecsClient } from '../support/clients';
import { ACCOUNT_A_ID, ACCOUNT_A_CREDENTIALS, startSeeded } from '../support/emulator-platform-fixture';

// Where the emulator's CloudEvents come from (any write handler) and where they go (a push URL).

const REGION = 'cn-qingdao';

describe('emulator platform: event sources and delivery', () => {
  let e: RunningEmulator;
  let sink: Server | undefined;
  afterEach(async () => {
    await e.close();
    await new Promise<void>((resolve) => (sink ? sink.close(() => resolve()) : resolve()));
    sink = undefined;
  });

  it('emits for any handler marked write (a test-only handler)', async () => {
    e = await startSeeded({
      handlers: {
        '2014-05-26': {
          ModifySecurityGroupPolicy: {
            write: true,
            handler: (ctx) => {
              ctx.facts.referencedResources['ACS::ECS::SecurityGroup'] = [ctx.params.SecurityGroupId];
              return {};
            },
          },
        },
      },
    });
    await ecsClient(e.url, ACCOUNT_A_CREDENTIALS).modifySecurityGroupPolicy(
      new $Ecs.ModifySecurityGroupPolicyRequest({
        regionId: REGION,
        securityGroupId: 'sg-a1',
        innerAccessPolicy: 'Drop',
      }),
    );
    expect(e.emulator.events.events.map((ev) => [ev.data.eventName, ev.subject])).toEqual([
      ['ModifySecurityGroupPolicy', `acs:ecs:${REGION}:${ACCOUNT_A_ID}:securitygroup/sg-a1`],
    ]);
  });

  it('POSTs each event to the push URL, and counts failed pushes', async () => {
    const received: CloudEvent[] = [];
    sink = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(received.length === 1 ? 204 : 500).end();
      });
    });
    await new Promise<void>((resolve) => sink!.listen(0, '127.0.0.1', resolve));
    e = await startSeeded({ pushUrl: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/events` });
    await ecsClient(e.url, ACCOUNT_A_CREDENTIALS).runInstances(
      new $Ecs.RunInstancesRequest({ regionId: REGION, securityGroupId: 'sg-a1', amount: 1 }),
    );
    await e.emulator.events.flushed();
    const byId = (list: CloudEvent[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(received)).toEqual(byId(e.emulator.events.events));
    expect(received).toHaveLength(2);
    expect([e.emulator.events.pushed, e.emulator.events.pushFailures]).toEqual([1, 1]);
  });
});
