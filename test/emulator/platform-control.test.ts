import * as $Ecs from '@alicloud/ecs20140526';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator';
import { ecsClient, sdkError } from '../support/clients';
import {
  ACCOUNT_A_ID,
  ACCOUNT_A_CREDENTIALS,
  assume,
  ACCOUNT_B_CREDENTIALS,
  HUB_CREDENTIALS,
  roleArnOf,
  startSeeded,
  visibleGroups,
} from '../support/emulator-platform-fixture';

// The unsigned control API under /_emulator/, driven with plain fetch as a tool or test would.

describe('emulator platform: control API', () => {
  let e: RunningEmulator;
  beforeEach(async () => {
    e = await startSeeded();
  });
  afterEach(() => e.close());

  const get = async (path: string) => {
    const res = await fetch(`${e.url}/_emulator/${path}`);
    return { status: res.status, body: await res.json() };
  };
  const send = async (method: string, path: string, body?: string) => {
    const res = await fetch(`${e.url}/_emulator/${path}`, { method, body });
    return { status: res.status, body: await res.json() };
  };

  it('GET state: the world as JSON, with no secrets', async () => {
    const creds = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID) });
    const { status, body } = await get('state');
    const text = JSON.stringify(body);
    expect(status).toBe(200);
    expect(body.region).toBe('cn-qingdao');
    expect(body.accounts.map((a: { id: string }) => a.id)).toEqual([
      '1000000000000001',
      ACCOUNT_A_ID,
      '2222222222222222',
    ]);
    expect(body.accounts[1]).toEqual({
      id: ACCOUNT_A_ID,
      name: 'a@aliyun.com',
      accessKeyIds: ['LTAIexampleA'],
      roles: [{ name: 'sg-pairing', trust: ['1000000000000001'], externalIdRequired: false, maxSessionDuration: 3600 }],
    });
    expect(body.sessions).toEqual([
      expect.objectContaining({
        accessKeyId: creds.accessKeyId,
        account: ACCOUNT_A_ID,
        roleArn: roleArnOf(ACCOUNT_A_ID),
        expired: false,
      }),
    ]);
    expect(body.vpcs).toEqual([
      expect.objectContaining({
        id: 'vpc-a',
        owner: ACCOUNT_A_ID,
        cidr: '10.0.0.0/16',
        sharedWith: ['2222222222222222'],
      }),
    ]);
    expect(body.securityGroups.map((g: { id: string }) => g.id)).toEqual([
      'sg-a1',
      'sg-a2',
      'sg-bp1azkttqpldxgte0001',
      'sg-bp15ed6xe1yxeycg0002',
    ]);
    expect(body.instances.map((i: { id: string; privateIp: string }) => `${i.id}@${i.privateIp}`)).toEqual([
      'i-a1@10.0.0.1',
      'i-a2@10.0.0.2',
      'i-a3@10.0.1.3',
      'i-b1@10.0.1.4',
    ]);
    for (const secret of [
      'hub-example-secret',
      'example-secret-a',
      'example-secret-b',
      creds.accessKeySecret,
      creds.securityToken!,
    ])
      expect(text).not.toContain(secret);
  });

  it('GET calls: action, account, params, status, code and duration of each call, filterable', async () => {
    await visibleGroups(e.url, ACCOUNT_A_CREDENTIALS);
    await sdkError(visibleGroups(e.url, { ...ACCOUNT_B_CREDENTIALS, accessKeySecret: 'wrong' }));
    const all = await get('calls');
    const failed = await get('calls?code=SignatureDoesNotMatch');
    expect(all.body).toEqual([
      expect.objectContaining({
        action: 'DescribeSecurityGroups',
        account: ACCOUNT_A_ID,
        accessKeyId: 'LTAIexampleA',
        params: { MaxResults: '100', RegionId: 'cn-qingdao' },
        status: 200,
        code: '',
        durationMs: expect.any(Number),
      }),
      expect.objectContaining({
        action: 'DescribeSecurityGroups',
        account: '',
        status: 400,
        code: 'SignatureDoesNotMatch',
      }),
    ]);
    expect(failed.body).toHaveLength(1);
  });

  it('GET events: the events produced so far, filterable by type', async () => {
    await ecsClient(e.url, ACCOUNT_A_CREDENTIALS).runInstances(
      new $Ecs.RunInstancesRequest({ regionId: 'cn-qingdao', securityGroupId: 'sg-a1' }),
    );
    const all = await get('events');
    const changes = await get('events?type=ecs:Instance:StateChange');
    expect(all.body.map((ev: { type: string }) => ev.type)).toEqual([
      'ecs:ActionTrail:ApiCall',
      'ecs:Instance:StateChange',
    ]);
    expect(changes.body).toHaveLength(1);
  });

  it('POST faults sets a spec the next calls feel; {clear:true} and DELETE clear it', async () => {
    const set = await send(
      'POST',
      'faults',
      JSON.stringify({ action: 'DescribeSecurityGroups', failNext: { count: 1, code: 'ServiceUnavailable' } }),
    );
    const failed = await sdkError(visibleGroups(e.url, ACCOUNT_A_CREDENTIALS));
    await send('POST', 'faults', JSON.stringify([{ errorRate: 1 }, { account: ACCOUNT_A_ID, latencyMs: 1 }]));
    const listed = await get('faults');
    const cleared = await send('POST', 'faults', JSON.stringify({ clear: true }));
    await visibleGroups(e.url, ACCOUNT_A_CREDENTIALS);
    await send('POST', 'faults', JSON.stringify({ errorRate: 1 }));
    const deleted = await send('DELETE', 'faults');
    await visibleGroups(e.url, ACCOUNT_A_CREDENTIALS);

    expect(set).toEqual({
      status: 200,
      body: {
        faults: [expect.objectContaining({ action: 'DescribeSecurityGroups', account: '*', failNextRemaining: 1 })],
      },
    });
    expect([failed.code, failed.statusCode]).toEqual(['ServiceUnavailable', 503]);
    expect(listed.body.map((f: { action: string; account: string }) => `${f.action}|${f.account}`)).toEqual([
      'DescribeSecurityGroups|*',
      '*|*',
      `*|${ACCOUNT_A_ID}`,
    ]);
    expect([cleared.body, deleted.body]).toEqual([{ faults: [] }, { faults: [] }]);
  });

  it.each([
    ['not JSON', '{oops', ['(body)']],
    ['a rate above 1', JSON.stringify({ errorRate: 2 }), ['errorRate']],
    ['an unknown key', JSON.stringify({ latency: 5 }), ['latency']],
    ['a bad failNext', JSON.stringify({ failNext: { count: 'x', code: 'Nope' } }), ['failNext.count', 'failNext.code']],
    [
      'a bad list item',
      JSON.stringify([{ latencyMs: 1 }, { rateLimit: { perSecond: 0 } }]),
      ['[1].rateLimit.perSecond'],
    ],
  ])('POST faults with %s answers 400 naming the field', async (_name, body, paths) => {
    const r = await send('POST', 'faults', body);
    expect(r.status).toBe(400);
    expect(r.body.Code).toBe('InvalidBody');
    expect(r.body.Issues.map((i: { path: string }) => i.path).sort()).toEqual([...paths].sort());
    expect((await get('faults')).body).toEqual([]);
  });

  it('POST reset returns to the loaded scenario, dropping sessions, rules, calls, events and faults', async () => {
    const creds = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID) });
    await ecsClient(e.url, ACCOUNT_A_CREDENTIALS).runInstances(
      new $Ecs.RunInstancesRequest({ regionId: 'cn-qingdao', securityGroupId: 'sg-a1' }),
    );
    await send('POST', 'faults', JSON.stringify({ latencyMs: 1 }));
    const r = await send('POST', 'reset');
    const state = (await get('state')).body;
    expect(r).toEqual({ status: 200, body: { reset: true } });
    expect([state.sessions, state.instances.length, (await get('events')).body, (await get('faults')).body]).toEqual([
      [],
      4,
      [],
      [],
    ]);
    expect((await get('calls')).body).toEqual([]);
    expect((await sdkError(visibleGroups(e.url, creds))).code).toBe('InvalidAccessKeyId.NotFound');
  });

  it('POST scenario (YAML) resets and loads it', async () => {
    const yaml = [
      'region: cn-shanghai',
      'accounts:',
      '  - { id: "3333333333333333", name: c@aliyun.com, accessKeys: [{ id: LTAIc, secret: secret-c }] }',
      'vpcs: [{ id: vpc-c, owner: "3333333333333333", cidr: 192.168.0.0/24 }]',
      'securityGroups: [{ id: sg-c1, owner: "3333333333333333", vpc: vpc-c }]',
    ].join('\n');
    const r = await send('POST', 'scenario', yaml);
    const ecs = ecsClient(e.url, { accessKeyId: 'LTAIc', accessKeySecret: 'secret-c' });
    const groups = await ecs.describeSecurityGroups(
      new $Ecs.DescribeSecurityGroupsRequest({ regionId: 'cn-shanghai' }),
    );
    expect(r).toEqual({ status: 200, body: { loaded: true, accounts: 1, securityGroups: 1, instances: 0 } });
    expect(groups.body!.securityGroups!.securityGroup!.map((g) => g.securityGroupId)).toEqual(['sg-c1']);
    expect((await sdkError(visibleGroups(e.url, ACCOUNT_A_CREDENTIALS))).code).toBe('InvalidAccessKeyId.NotFound');
  });

  it('POST scenario (JSON) with errors answers 400 with every path, and keeps the world', async () => {
    const bad = JSON.stringify({
      accounts: [{ id: 1, name: 'x' }],
      vpcs: [{ id: 'v', owner: '9', cidr: '10.0.0.0/33' }],
      extra: true,
    });
    const r = await send('POST', 'scenario', bad);
    expect(r.status).toBe(400);
    expect(r.body.Issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'accounts[0].id',
      'extra',
      'vpcs[0].cidr',
    ]);
    expect(await visibleGroups(e.url, ACCOUNT_A_CREDENTIALS)).toHaveLength(3);
  });

  it('answers 404 for an unknown endpoint', async () => {
    const r = await get('nothing-here');
    expect(r.status).toBe(404);
  });
});
