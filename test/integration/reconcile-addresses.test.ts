import { describe, expect, it } from 'vitest';
import { handler as instanceEvents } from '../../functions/instance-events';
import type { EventsResult } from '../../shared/triggers/eventbridge';
import type { RunningEmulator } from '../support/emulator-access';
import { fcContext } from '../support/function-calls';
import { callCounts, config, run, runtimeFor } from '../support/product';
import {
  ipOf,
  launch,
  release,
  ruleLines,
  tag,
  takeEvents,
  twoVpcScenario,
  TWO_VPC_YAML,
  untag,
} from '../support/two-vpcs';
import { finishLaunch } from '../../emulator';
import { authorize, client } from '../support/ecs-calls';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, ACCOUNT_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

// Two accounts, two VPCs: `auto` pairs by address, and the instance-events function keeps the
// address rules following the members, through the real ECS SDK and the emulator's own events.

const cloud = useEmulator();

const cfg = config(TWO_VPC_YAML);
const invoke = async (events: unknown[]) =>
  (await instanceEvents(Buffer.from(JSON.stringify(events)), fcContext('sg-pairing-instance-events'))) as EventsResult;
const webDb = (ip: string) => `TCP 5432/5432 ${ip}/32 p1 sg-pairing:demo:web-db`;
const cache = (ip: string) => `TCP 6379/6379 ${ip}/32 p1 sg-pairing:demo:cache`;

async function converged(): Promise<RunningEmulator> {
  const started = await cloud.start(twoVpcScenario());
  cloud.useFunctionEnv(TWO_VPC_YAML);
  const first = await run(cfg, runtimeFor(started));
  expect(first.plan.pairings.map((p) => [p.name, p.status, p.strategy])).toEqual([
    ['cache', 'InSync', { chosen: 'addresses', reason: 'NoGroupSide' }],
    ['web-db', 'Changes', { chosen: 'addresses', reason: 'DifferentVpcs' }],
  ]);
  expect(ruleLines(started, 'sg-db')).toEqual([webDb('10.0.0.10')]);
  expect(ruleLines(started, 'sg-web')).toEqual([webDb('10.1.0.10')]);
  takeEvents(started);
  started.emulator.calls.clear();
  cloud.captureLogs();
  return started;
}

describe('auto across two VPCs: address rules that follow the members', () => {
  it('three launches, through their events, put their IPs in the peer group in one run', async () => {
    const e = await converged();

    const ids = await launch(e, ACCOUNT_A_ID, 'sg-web', 3);
    const events = takeEvents(e);
    expect(events.map((x) => x.type)).toEqual([
      'ecs:ActionTrail:ApiCall',
      'ecs:Instance:StateChange',
      'ecs:Instance:StateChange',
      'ecs:Instance:StateChange',
    ]);
    const result = await invoke(events);

    expect(result).toMatchObject({
      status: 'Reconciled',
      pairings: ['cache', 'web-db'],
      report: { ok: true, counts: { rulesAdded: 3, rulesRevoked: 0 } },
    });
    expect(ruleLines(e, 'sg-db')).toEqual(['10.0.0.10', ...ids.map((i) => ipOf(e, i))].map(webDb).sort());
    expect(callCounts(e)).toMatchObject({ AuthorizeSecurityGroup: 1 }); // the three rules of sg-db in one call
  });

  it("a released instance has its rules revoked on its event; a hand-made and another deployment's rule for its IP stay", async () => {
    const e = await converged();
    const [id] = await launch(e, ACCOUNT_A_ID, 'sg-web', 1);
    await invoke(takeEvents(e));
    const ip = ipOf(e, id as string);
    const db = client(e, ACCOUNT_CREDENTIALS[ACCOUNT_B_ID]);
    await authorize(db, 'sg-db', [
      { ipProtocol: 'TCP', portRange: '22/22', sourceCidrIp: ip, description: 'by hand' },
      {
        ipProtocol: 'TCP',
        portRange: '5432/5432',
        sourceCidrIp: `${ip}/32`,
        priority: '2',
        description: 'sg-pairing:other:web-db',
      },
    ]);
    takeEvents(e);

    await release(e, ACCOUNT_A_ID, id as string);
    const result = await invoke(takeEvents(e));

    expect(result.report).toMatchObject({
      ok: true,
      counts: { rulesAdded: 0, rulesRevoked: 1 },
      pairings: expect.arrayContaining([
        expect.objectContaining({ name: 'web-db', status: 'Changed', counts: expect.objectContaining({ revoked: 1 }) }),
      ]),
    });
    expect(ruleLines(e, 'sg-db')).toEqual([
      `TCP 22/22 ${ip} p1 by hand`,
      `TCP 5432/5432 ${ip}/32 p2 sg-pairing:other:web-db`,
      webDb('10.0.0.10'),
    ]);
    expect(callCounts(e).RevokeSecurityGroup).toBe(1);

    // a sweep finds nothing more to do
    const sweep = await run(cfg, runtimeFor(e));
    expect(sweep.pairings.map((p) => p.status)).toEqual(['InSync', 'InSync']);
  });

  it("a tag added through TagResources brings the tag side's rule; UntagResources takes it away", async () => {
    const e = await converged();

    await tag(e, ACCOUNT_A_ID, 'i-web1', { role: 'cache' });
    const tagged = await invoke(takeEvents(e));
    expect(tagged).toMatchObject({
      status: 'Reconciled',
      pairings: ['cache', 'web-db'],
      report: { counts: { rulesAdded: 1 } },
    });
    expect(ruleLines(e, 'sg-db')).toEqual([webDb('10.0.0.10'), cache('10.0.0.10')].sort());

    await untag(e, ACCOUNT_A_ID, 'i-web1', ['role']);
    const untagged = await invoke(takeEvents(e));
    expect(untagged).toMatchObject({ status: 'Reconciled', report: { counts: { rulesAdded: 0, rulesRevoked: 1 } } });
    expect(ruleLines(e, 'sg-db')).toEqual([webDb('10.0.0.10')]);
  });

  it('an instance without an IP yet is not a member yet; its Running state change brings it in', async () => {
    const e = await converged();
    e.emulator.world.launchWithoutIp = true;

    const [id] = await launch(e, ACCOUNT_A_ID, 'sg-web', 1);
    const pending = await invoke(takeEvents(e));
    expect(pending).toMatchObject({ status: 'Reconciled', report: { counts: { rulesAdded: 0 } } });

    // the launch completes (the emulator's own knob), and ECS reports the instance Running
    finishLaunch(e.emulator.world, e.emulator.world.instances.get(id as string)!);
    const stateChange = {
      specversion: '1.0',
      id: 'evt-running',
      source: 'acs.ecs',
      type: 'ecs:Instance:StateChange',
      subject: `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/${id}`,
      aliyunaccountid: ACCOUNT_A_ID,
      aliyunregionid: 'cn-qingdao',
      data: {
        resourceId: `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/${id}`,
        content: { resourceId: id, state: 'Running' },
      },
    };
    const result = await invoke([stateChange]);
    expect(result).toMatchObject({ status: 'Reconciled', report: { counts: { rulesAdded: 1 } } });
    expect(ruleLines(e, 'sg-db')).toContain(webDb(ipOf(e, id as string)));
  });
});
