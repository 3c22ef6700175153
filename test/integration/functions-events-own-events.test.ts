import { describe, expect, it } from 'vitest';
import * as $Ecs from '@alicloud/ecs20140526';
import * as $dara from '@darabonba/typescript';
import { ecsClient } from '../support/clients';
import { eventBuffer } from '../support/event-fixtures';
import { ACCOUNT_A_ID, ACCOUNT_A_CREDENTIALS, ACCOUNT_B_CREDENTIALS } from '../support/identities';
import { callCounts, exampleScenario, ingressRules } from '../support/product';
import { instanceEventsAgainst } from '../support/instance-events';
import { useEmulator } from '../support/use-emulator';

// instance-events on the CloudEvents the emulator itself produced (revokes, launches), and on bursts.
const rt = new $dara.RuntimeOptions({});
const cloud = useEmulator();
const { start, invoke, steps } = instanceEventsAgainst(cloud);

describe("instance-events on the emulator's own events", () => {
  const cases = [
    {
      who: 'a revokes the web-pair rule of sg-a1',
      creds: ACCOUNT_A_CREDENTIALS,
      group: 'sg-a1',
      pairing: 'web-pair',
      rule: { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.2/32' },
      // one account: its two instances, their two groups, one write; beside it, the group's record
      // tag (this fresh process does not know the group tagged yet: a warm one skips the call), and
      // the instances' VPC, whose CIDR blocks their addresses must lie in (a warm one remembers it)
      calls: {
        AssumeRole: 1,
        DescribeInstances: 1,
        DescribeVpcs: 1,
        DescribeSecurityGroupAttribute: 2,
        AuthorizeSecurityGroup: 1,
        TagResources: 1,
      },
    },
    {
      who: 'b revokes the app-db rule of sg-bp15ed6xe1yxeycg0002',
      creds: ACCOUNT_B_CREDENTIALS,
      group: 'sg-bp15ed6xe1yxeycg0002',
      pairing: 'app-db',
      rule: {
        ipProtocol: 'ALL',
        portRange: '-1/-1',
        sourceGroupId: 'sg-bp1azkttqpldxgte0001',
        sourceGroupOwnerId: Number(ACCOUNT_A_ID),
      },
      // two accounts: each group's type (a group reference lands there) and rules, one write and its record tag
      calls: {
        AssumeRole: 2,
        DescribeSecurityGroups: 2,
        DescribeSecurityGroupAttribute: 2,
        AuthorizeSecurityGroup: 1,
        TagResources: 1,
      },
    },
  ];

  it.each(cases)('$who: the rule is back after one event, with only that pairing read and one write', async (c) => {
    // Prepare: converged, then someone revokes a pairing rule through the real ECS SDK
    const emu = await start();
    await ecsClient(emu.url, c.creds).revokeSecurityGroupWithOptions(
      new $Ecs.RevokeSecurityGroupRequest({
        regionId: 'cn-qingdao',
        securityGroupId: c.group,
        permissions: [new $Ecs.RevokeSecurityGroupRequestPermissions(c.rule)],
      }),
      rt,
    );
    expect(ingressRules(emu, c.group)).toEqual([]);
    const [event] = emu.emulator.events.ofType('ecs:ActionTrail:ApiCall');
    expect(event.data.eventName).toBe('RevokeSecurityGroup');
    emu.emulator.calls.clear();

    // Act: the CloudEvent the emulator produced, as bytes
    const result = await invoke(Buffer.from(JSON.stringify(event)));

    // Assess
    expect(result).toMatchObject({
      status: 'Reconciled',
      pairings: [c.pairing],
      report: {
        ok: true,
        pairings: [{ name: c.pairing, status: 'Changed', counts: { toAdd: 1, added: 1, failed: 0 } }],
      },
    });
    expect(ingressRules(emu, c.group)).toEqual([
      expect.objectContaining({ description: `sg-pairing:demo:${c.pairing}` }),
    ]);
    expect(callCounts(emu)).toEqual(c.calls);
  });

  it('a RunInstances into a paired group, with the state changes it caused, as one batch: one reconcile adds the pairing rules', async () => {
    const emu = await start(exampleScenario(), { converge: false });
    await ecsClient(emu.url, ACCOUNT_A_CREDENTIALS).runInstancesWithOptions(
      new $Ecs.RunInstancesRequest({
        regionId: 'cn-qingdao',
        securityGroupId: 'sg-bp1azkttqpldxgte0001',
        amount: 3,
        instanceType: 'ecs.g7.large',
        imageId: 'aliyun_3_x64',
      }),
      rt,
    );
    const batch = emu.emulator.events.events;
    expect(batch.map((e) => e.type)).toEqual([
      'ecs:ActionTrail:ApiCall',
      'ecs:Instance:StateChange',
      'ecs:Instance:StateChange',
      'ecs:Instance:StateChange',
    ]);
    emu.emulator.calls.clear();

    const result = await invoke(Buffer.from(JSON.stringify(batch)));

    expect(result).toMatchObject({
      status: 'Reconciled',
      events: 4,
      pairings: ['app-db'],
      report: { pairings: [{ name: 'app-db', status: 'Changed', counts: { added: 2 } }] },
    });
    expect(steps('run-report')).toHaveLength(1);
    expect(callCounts(emu).AssumeRole).toBe(2);
    expect(ingressRules(emu, 'sg-a1')).toEqual([]); // web-pair was not in scope
  });
});

describe('instance-events: a burst is one reconcile of the union', () => {
  it('RunInstances with Amount=50 and a batch array each run one reconcile', async () => {
    const emu = await start(exampleScenario(), { converge: false });
    await invoke(eventBuffer('run-instances-burst'));
    expect(steps('run-report')).toHaveLength(1);
    expect(callCounts(emu)).toMatchObject({ AuthorizeSecurityGroup: 2 });
    emu.emulator.calls.clear();

    const result = await invoke(eventBuffer('batch'));

    expect(result.pairings).toEqual(['app-db', 'web-pair']);
    expect(steps('run-report')).toHaveLength(2);
    expect(callCounts(emu)).toMatchObject({
      DescribeInstances: 1,
      DescribeSecurityGroupAttribute: 4,
      AuthorizeSecurityGroup: 2,
    });
  });
});
