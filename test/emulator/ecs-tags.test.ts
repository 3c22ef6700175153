import type Ecs from '@alicloud/ecs20140526';
import * as $Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { EcsAdapter } from '../../shared/cloud/adapters/ecs-adapter';
import { parseCloudEvent } from '../../shared/triggers/eventbridge';
import { sdkError, type Creds } from '../support/clients';
import { client, groups, instances, rt } from '../support/ecs-calls';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, REGION, WorldBuilder } from '../support/world-builder';

// TagResources / UntagResources (instances and security groups), through the real ECS SDK; and the
// product's listings (DescribeInstances by group or tags, DescribeSecurityGroups by tag, every page).

let emu: RunningEmulator;
let ca: Ecs;
let credsA: Creds;
const tagsOf = (id: string) => emu.emulator.world.instances.get(id)!.tags;
const tagReq = (ids: string[], tags: Record<string, string>, resourceType = 'instance') =>
  new $Ecs.TagResourcesRequest({
    regionId: REGION,
    resourceType,
    resourceId: ids,
    tag: Object.entries(tags).map(([key, value]) => new $Ecs.TagResourcesRequestTag({ key, value })),
  });
const untagReq = (ids: string[], extra: Partial<$Ecs.UntagResourcesRequest>) =>
  new $Ecs.UntagResourcesRequest({ regionId: REGION, resourceType: 'instance', resourceId: ids, ...extra });

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  emu.emulator.events.clear();
  const w = new WorldBuilder(emu.emulator.world);
  credsA = w.account(ACCOUNT_A_ID);
  ca = client(emu, credsA);
  w.account(ACCOUNT_B_ID);
  w.vpc('vpc-a', ACCOUNT_A_ID).vpc('vpc-b', ACCOUNT_B_ID);
  w.group('sg-big', ACCOUNT_A_ID, 'vpc-a').group('sg-b', ACCOUNT_B_ID, 'vpc-b');
  for (let n = 0; n < 250; n += 1)
    w.instance(`i-big${String(n).padStart(3, '0')}`, ACCOUNT_A_ID, 'vpc-a', ['sg-big'], {
      privateIp: `172.16.${Math.floor(n / 200)}.${(n % 200) + 1}`,
      tags: n % 2 === 0 ? { role: 'web' } : {},
    });
  w.instance('i-bob', ACCOUNT_B_ID, 'vpc-b', ['sg-b'], { privateIp: '172.16.0.1' });
});
afterAll(() => emu?.close());

describe('TagResources / UntagResources', () => {
  it('adds and replaces tags, finds them with DescribeInstances Tag.N, and removes them by key or all', async () => {
    await ca.tagResourcesWithOptions(tagReq(['i-big001', 'i-big003'], { role: 'cache', env: 'prod' }), rt);
    expect([tagsOf('i-big001'), tagsOf('i-big003')]).toEqual([
      { role: 'cache', env: 'prod' },
      { role: 'cache', env: 'prod' },
    ]);
    const found = await instances(ca, { tag: [new $Ecs.DescribeInstancesRequestTag({ key: 'role', value: 'cache' })] });
    expect(found.instances?.instance?.map((i) => i.instanceId)).toEqual(['i-big001', 'i-big003']);

    await ca.untagResourcesWithOptions(untagReq(['i-big001'], { tagKey: ['role', 'absent'] }), rt);
    await ca.untagResourcesWithOptions(untagReq(['i-big003'], { all: true }), rt);
    await ca.untagResourcesWithOptions(untagReq(['i-big000'], {}), rt); // neither keys nor All: nothing

    expect([tagsOf('i-big001'), tagsOf('i-big003'), tagsOf('i-big000')]).toEqual([
      { env: 'prod' },
      {},
      { role: 'web' },
    ]);
  });

  it('emits an ActionTrail event per call naming the instances, which the event parser reads', async () => {
    await ca.tagResourcesWithOptions(tagReq(['i-big001', 'i-big003'], { role: 'cache' }), rt);
    await ca.untagResourcesWithOptions(untagReq(['i-big001'], { tagKey: ['role'] }), rt);

    const events = emu.emulator.events.ofType('ecs:ActionTrail:ApiCall');
    expect(events.map((e) => [e.data.eventName, e.data.referencedResources])).toEqual([
      ['TagResources', { 'ACS::ECS::Instance': ['i-big001', 'i-big003'] }],
      ['UntagResources', { 'ACS::ECS::Instance': ['i-big001'] }],
    ]);
    expect(events.map((e) => parseCloudEvent(e))).toEqual([
      {
        kind: 'touched',
        touched: expect.objectContaining({
          cause: 'ApiCall:TagResources',
          accountId: ACCOUNT_A_ID,
          instanceIds: ['i-big001', 'i-big003'],
          groupIds: [],
          groupRulesChanged: false,
        }),
      },
      {
        kind: 'touched',
        touched: expect.objectContaining({ cause: 'ApiCall:UntagResources', instanceIds: ['i-big001'] }),
      },
    ]);
  });

  it.each([
    [
      'an instance of another account',
      'InvalidResourceId.NotFound',
      404,
      () => tagReq(['i-big001', 'i-bob'], { role: 'x' }),
    ],
    ['a key starting with aliyun', 'InvalidTagKey.Malformed', 400, () => tagReq(['i-big001'], { 'aliyun:x': 'y' })],
    [
      'a value starting with http://',
      'InvalidTagValue.Malformed',
      400,
      () => tagReq(['i-big001'], { site: 'http://x' }),
    ],
    [
      'an unknown resource type',
      'InvalidResourceType.NotFound',
      404,
      () => tagReq(['i-big001'], { role: 'x' }, 'spaceship'),
    ],
    ['a type the emulator does not model', 'InvalidParameter', 400, () => tagReq(['d-1'], { role: 'x' }, 'disk')],
    [
      'a security group of another account',
      'InvalidResourceId.NotFound',
      404,
      () => tagReq(['sg-big', 'sg-b'], { role: 'x' }, 'securitygroup'),
    ],
    [
      'a 21st tag on an instance',
      'InvalidTagCount',
      400,
      () => tagReq(['i-big001', 'i-big000'], Object.fromEntries(Array.from({ length: 20 }, (_, n) => [`k${n}`, 'v']))),
    ],
  ] as const)(
    'refuses %s with %s (%i), changing nothing and emitting nothing',
    async (_what, code, status, request) => {
      const tags = () =>
        JSON.stringify(
          [...emu.emulator.world.instances.values(), ...emu.emulator.world.groups.values()].map((r) => r.tags),
        );
      const before = tags();
      expect(await sdkError(ca.tagResourcesWithOptions(request(), rt))).toMatchObject({ code, statusCode: status });
      expect(tags()).toBe(before);
      expect(emu.emulator.events.events).toEqual([]);
    },
  );
});

describe('tags on security groups (ResourceType securitygroup)', () => {
  const groupTags = (id: string) => emu.emulator.world.groups.get(id)!.tags;

  it("tags and untags the caller's groups; DescribeSecurityGroups filters by Tag.N and returns Tags.Tag", async () => {
    new WorldBuilder(emu.emulator.world)
      .group('sg-other', ACCOUNT_A_ID, 'vpc-a')
      .group('sg-third', ACCOUNT_A_ID, 'vpc-a');

    await ca.tagResourcesWithOptions(
      tagReq(['sg-big', 'sg-other'], { 'sg-pairing:prod': 'owned' }, 'securitygroup'),
      rt,
    );
    await ca.tagResourcesWithOptions(tagReq(['sg-third'], { 'sg-pairing:prod': 'kept-by-hand' }, 'securitygroup'), rt);
    const byKey = await groups(ca, {
      tag: [new $Ecs.DescribeSecurityGroupsRequestTag({ key: 'sg-pairing:prod' })],
      maxResults: 100,
    });
    const byValue = await groups(ca, {
      tag: [new $Ecs.DescribeSecurityGroupsRequestTag({ key: 'sg-pairing:prod', value: 'owned' })],
    });
    await ca.untagResourcesWithOptions(
      untagReq(['sg-other'], { resourceType: 'securitygroup', tagKey: ['sg-pairing:prod'] }),
      rt,
    );
    const after = await groups(ca, { tag: [new $Ecs.DescribeSecurityGroupsRequestTag({ key: 'sg-pairing:prod' })] });

    expect(
      byKey.securityGroups?.securityGroup?.map((g) => [
        g.securityGroupId,
        g.tags?.tag?.map((t) => `${t.tagKey}=${t.tagValue}`),
      ]),
    ).toEqual([
      ['sg-big', ['sg-pairing:prod=owned']],
      ['sg-other', ['sg-pairing:prod=owned']],
      ['sg-third', ['sg-pairing:prod=kept-by-hand']],
    ]);
    expect(byValue.securityGroups?.securityGroup?.map((g) => g.securityGroupId)).toEqual(['sg-big', 'sg-other']);
    expect(after.securityGroups?.securityGroup?.map((g) => g.securityGroupId)).toEqual(['sg-big', 'sg-third']);
    expect([groupTags('sg-other'), groupTags('sg-b')]).toEqual([{}, {}]);
  });

  it("emits events naming the groups, which the event parser ignores (a group's tags select no instance)", async () => {
    await ca.tagResourcesWithOptions(tagReq(['sg-big'], { 'sg-pairing:prod': 'owned' }, 'securitygroup'), rt);
    await ca.untagResourcesWithOptions(
      untagReq(['sg-big'], { resourceType: 'securitygroup', tagKey: ['sg-pairing:prod'] }),
      rt,
    );

    const events = emu.emulator.events.ofType('ecs:ActionTrail:ApiCall');
    expect(events.map((e) => [e.data.eventName, e.data.referencedResources, e.subject])).toEqual([
      [
        'TagResources',
        { 'ACS::ECS::SecurityGroup': ['sg-big'] },
        `acs:ecs:${REGION}:${ACCOUNT_A_ID}:securitygroup/sg-big`,
      ],
      [
        'UntagResources',
        { 'ACS::ECS::SecurityGroup': ['sg-big'] },
        `acs:ecs:${REGION}:${ACCOUNT_A_ID}:securitygroup/sg-big`,
      ],
    ]);
    expect(events.map((e) => parseCloudEvent(e))).toEqual([
      {
        kind: 'ignored',
        ignored: expect.objectContaining({ reason: 'UnhandledEventName', cause: 'ApiCall:TagResources' }),
      },
      {
        kind: 'ignored',
        ignored: expect.objectContaining({ reason: 'UnhandledEventName', cause: 'ApiCall:UntagResources' }),
      },
    ]);
  });

  it("the product's port: listTaggedGroups (every page) and tagGroups / untagGroups", async () => {
    const w = new WorldBuilder(emu.emulator.world);
    const ids = Array.from({ length: 120 }, (_, n) => `sg-t${String(n).padStart(3, '0')}`);
    for (const id of ids) w.group(id, ACCOUNT_A_ID, 'vpc-a', { type: id === 'sg-t007' ? 'enterprise' : 'normal' });
    const port = new EcsAdapter(
      REGION,
      ACCOUNT_A_ID,
      {
        account: ACCOUNT_A_ID,
        accessKeyId: credsA.accessKeyId,
        accessKeySecret: credsA.accessKeySecret,
        securityToken: '',
        expiresAt: Date.now() + 3_600_000,
      },
      { host: new URL(emu.url).host, protocol: 'http' },
    );

    await Promise.all([
      port.tagGroups(ids.slice(0, 50), 'sg-pairing:prod', 'owned'),
      port.tagGroups(ids.slice(50, 100), 'sg-pairing:prod', 'owned'),
      port.tagGroups(ids.slice(100), 'sg-pairing:prod', 'owned'),
    ]);
    await port.untagGroups(['sg-t000'], 'sg-pairing:prod');
    emu.emulator.calls.clear();
    const listed = await port.listTaggedGroups('sg-pairing:prod', 'owned');

    expect(listed.map((g) => g.groupId)).toEqual(ids.slice(1));
    expect(listed.find((g) => g.groupId === 'sg-t007')).toEqual({
      groupId: 'sg-t007',
      vpcId: 'vpc-a',
      ...{ type: 'enterprise', ruleCount: 0, tags: { 'sg-pairing:prod': 'owned' } },
    });
    expect(
      emu.emulator.calls.records.map((c) => [
        c.action,
        c.params['Tag.1.Key'],
        c.params['Tag.1.Value'],
        c.params.MaxResults,
      ]),
    ).toEqual([
      ['DescribeSecurityGroups', 'sg-pairing:prod', 'owned', '100'],
      ['DescribeSecurityGroups', 'sg-pairing:prod', 'owned', '100'],
    ]);
    expect(await sdkError(port.tagGroups(['sg-t001', 'sg-b'], 'sg-pairing:prod', 'owned'))).toMatchObject({
      code: 'InvalidResourceId.NotFound',
    });
  });
});

describe("the product's listing (EcsPort.listInstances)", () => {
  const adapter = () =>
    new EcsAdapter(
      REGION,
      ACCOUNT_A_ID,
      {
        account: ACCOUNT_A_ID,
        accessKeyId: credsA.accessKeyId,
        accessKeySecret: credsA.accessKeySecret,
        securityToken: '',
        expiresAt: Date.now() + 3_600_000,
      },
      { host: new URL(emu.url).host, protocol: 'http' },
    );

  it('reads every page, 100 at a time, by group and by tags', async () => {
    const byGroup = await adapter().listInstances({ securityGroupId: 'sg-big' });
    const byTag = await adapter().listInstances({ tags: { role: 'web' } });

    expect(byGroup.map((i) => i.instanceId)).toEqual(
      Array.from({ length: 250 }, (_, n) => `i-big${String(n).padStart(3, '0')}`),
    );
    expect(byTag).toHaveLength(125);
    expect(byTag[0]).toEqual({
      instanceId: 'i-big000',
      status: 'Running',
      vpcId: 'vpc-a',
      privateIp: '172.16.0.1',
      securityGroupIds: ['sg-big'],
      tags: { role: 'web' },
    });
    const pages = emu.emulator.calls.records.filter((c) => c.action === 'DescribeInstances');
    expect(pages).toHaveLength(3 + 2);
  });
});
