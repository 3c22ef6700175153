import { describe, expect, it } from 'vitest';
import { handler as instanceEvents } from '../../functions/instance-events';
import { handler as scheduledReconcile } from '../../functions/scheduled-reconcile';
import type { EventsResult } from '../../shared/triggers/eventbridge';
import { client, revoke } from '../support/ecs-calls';
import type { RunningEmulator } from '../support/emulator-access';
import { timerBuffer } from '../support/event-fixtures';
import { fcContext } from '../support/function-calls';
import { ACCOUNT_A_ID, ACCOUNT_CREDENTIALS } from '../support/identities';
import { callCounts } from '../support/product';
import { ipOf, launch, takeEvents, twoVpcScenario } from '../support/two-vpcs';
import { useEmulator } from '../support/use-emulator';

// An event run of a prefix-list pairing that concerns only its sending side (a launch into sg-web)
// reads sg-web's members and the owned list's entries and writes one ModifyPrefixList: the three
// peer groups, whose rule references the list and does not change, are not read. So a list rule
// revoked by hand in a peer group is not restored by that run; the next sweep (the timer) reads
// every group and restores it: the bound is one timer period.

const cloud = useEmulator();
const PEERS = ['sg-p0', 'sg-p1', 'sg-p2'];

const YAML = `version: 1
name: demo
region: cn-qingdao
accounts: { a: { id: "${ACCOUNT_A_ID}" } }
pairings:
${PEERS.map(
  (g) => `  - name: web-${g}
    between: [{ account: a, securityGroup: sg-web }, { account: a, securityGroup: ${g} }]
    direction: first-to-second
    strategy: prefix-list
    protocol: tcp
    ports: 80/80
`,
).join('')}`;

function scenario(): Record<string, unknown> {
  const s = twoVpcScenario();
  const groups = s.securityGroups as Record<string, unknown>[];
  for (const id of PEERS) groups.push({ id, owner: ACCOUNT_A_ID, vpc: 'vpc-a' });
  return s;
}

/** The owned list's entries, and each peer group's ingress rules as `<ports> <source>`. */
function state(e: RunningEmulator) {
  const [list] = [...e.emulator.world.prefixLists.values()];
  const rules = (g: string) =>
    (e.emulator.world.groups.get(g)?.rules ?? [])
      .filter((r) => r.direction === 'ingress')
      .map((r) => `${r.portRange} ${r.sourcePrefixListId ? 'list' : r.sourceCidrIp}`);
  return { entries: [...(list?.entries.keys() ?? [])].sort(), ...Object.fromEntries(PEERS.map((g) => [g, rules(g)])) };
}

const sweep = () => scheduledReconcile(timerBuffer('every-10-minutes'), fcContext('sg-pairing-scheduled-reconcile'));

/** Launches `amount` into sg-web and hands exactly that launch's events to instance-events; the calls it made. */
async function launchEvent(e: RunningEmulator, amount: number) {
  takeEvents(e);
  const ids = await launch(e, ACCOUNT_A_ID, 'sg-web', amount);
  const events = takeEvents(e);
  e.emulator.calls.clear();
  const result = (await instanceEvents(
    Buffer.from(JSON.stringify(events)),
    fcContext('sg-pairing-instance-events'),
  )) as EventsResult;
  return { ids, result, calls: callCounts(e) };
}

describe('an event run of a prefix-list pairing reads only its sending side', () => {
  it('a launch: members and list entries read, one ModifyPrefixList; a hand-revoked list rule waits for the sweep', async () => {
    const e = await cloud.start(scenario());
    cloud.useFunctionEnv(YAML);
    cloud.captureLogs();
    expect(await sweep()).toMatchObject({ ok: true });
    const listId = [...e.emulator.world.prefixLists.keys()][0] as string;
    const listed = { 'sg-p0': ['80/80 list'], 'sg-p1': ['80/80 list'], 'sg-p2': ['80/80 list'] };
    expect(state(e)).toEqual({ entries: ['10.0.0.10/32'], ...listed });

    // the first event of the process finds the list by its record tag; no group is read
    const first = await launchEvent(e, 1);
    expect(first.result).toMatchObject({ status: 'Reconciled', report: { ok: true } });
    expect(first.calls).toEqual({
      DescribePrefixLists: 1,
      DescribeInstances: 1,
      DescribePrefixListAttributes: 1,
      ModifyPrefixList: 1,
    });

    // the next reads the list it knows by id: three calls whatever the number of peer groups
    const next = await launchEvent(e, 2);
    expect(next.calls).toEqual({ DescribeInstances: 1, DescribePrefixListAttributes: 1, ModifyPrefixList: 1 });
    const members = ['10.0.0.10', ...[...first.ids, ...next.ids].map((i) => ipOf(e, i))].map((ip) => `${ip}/32`);
    expect(state(e)).toEqual({ entries: members.sort(), ...listed });

    // sg-p1's list rule revoked by hand (its own event not handed over): the launch's run does not read sg-p1
    await revoke(client(e, ACCOUNT_CREDENTIALS[ACCOUNT_A_ID]!), 'sg-p1', [
      { ipProtocol: 'TCP', portRange: '80/80', sourcePrefixListId: listId },
    ]);
    const third = await launchEvent(e, 1);
    expect(third.calls).toEqual({ DescribeInstances: 1, DescribePrefixListAttributes: 1, ModifyPrefixList: 1 });
    const withThird = [...members, `${ipOf(e, third.ids[0]!)}/32`].sort();
    expect(state(e)).toEqual({ entries: withThird, ...listed, 'sg-p1': [] });

    // the sweep reads every group and restores it
    e.emulator.calls.clear();
    expect(await sweep()).toMatchObject({ ok: true });
    expect(state(e)).toEqual({ entries: withThird, ...listed });
    expect(callCounts(e)).toMatchObject({ AuthorizeSecurityGroup: 1 });
  });

  it('a launch before the list exists: read whole, the list created with a rule in every peer group', async () => {
    const e = await cloud.start(scenario());
    cloud.useFunctionEnv(YAML);
    cloud.captureLogs();
    const { ids, result, calls } = await launchEvent(e, 1);
    expect(result).toMatchObject({ status: 'Reconciled', report: { ok: true } });
    expect(calls).toMatchObject({ CreatePrefixList: 1, DescribeSecurityGroupAttribute: 4, AuthorizeSecurityGroup: 3 });
    const listed = { 'sg-p0': ['80/80 list'], 'sg-p1': ['80/80 list'], 'sg-p2': ['80/80 list'] };
    expect(state(e)).toEqual({ entries: ['10.0.0.10/32', `${ipOf(e, ids[0]!)}/32`].sort(), ...listed });
  });
});
