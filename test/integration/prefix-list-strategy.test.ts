import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../support/emulator-access';
import { callCounts, config, run, runtimeFor } from '../support/product';
import { handler as instanceEvents } from '../../functions/instance-events';
import type { EventsResult } from '../../shared/triggers/eventbridge';
import { fcContext } from '../support/function-calls';
import { ipOf, launch, release, takeEvents, twoVpcScenario } from '../support/two-vpcs';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

// strategy prefix-list: sg-web's members in one owned prefix list of account a, referenced by one
// rule in each receiving group (sg-web2 and sg-app); launches and releases change only the list.

const cloud = useEmulator();

const yaml = (pairings: string) => `version: 1
name: demo
region: cn-qingdao
accounts: { a: { id: "${ACCOUNT_A_ID}" }, b: { id: "${ACCOUNT_B_ID}" } }
pairings:
${pairings}`;
const PAIRINGS = `  - name: web-app
    between: [{ account: a, securityGroup: sg-web }, { account: a, securityGroup: sg-web2 }]
    direction: first-to-second
    strategy: prefix-list
    protocol: tcp
    ports: 8080/8080
  - name: web-api
    between: [{ account: a, securityGroup: sg-web }, { account: a, securityGroup: sg-app }]
    direction: first-to-second
    strategy: prefix-list
    protocol: tcp
    ports: 9000/9000
`;
const REMAINING = `  - name: web-app
    between: [{ account: a, securityGroup: sg-web }, { account: a, securityGroup: sg-web2 }]
    direction: first-to-second
    strategy: prefix-list
    protocol: tcp
    ports: 8080/8080
`;

function scenario(): Record<string, unknown> {
  const s = twoVpcScenario();
  const groups = s.securityGroups as Record<string, unknown>[];
  groups.push({ id: 'sg-app', owner: ACCOUNT_A_ID, vpc: 'vpc-a' });
  return s;
}

/** Account a's prefix lists as `[entries] max N`, and each group's ingress rules as `<ports> <source>`. */
function state(e: RunningEmulator) {
  const lists = [...e.emulator.world.prefixLists.values()].filter((l) => l.owner === ACCOUNT_A_ID);
  const rules = (g: string) =>
    (e.emulator.world.groups.get(g)?.rules ?? [])
      .filter((r) => r.direction === 'ingress')
      .map((r) => `${r.portRange} ${r.sourcePrefixListId ? `list ${r.sourcePrefixListId}` : r.sourceCidrIp}`)
      .sort();
  return {
    lists: lists.map((l) => `${l.id} [${[...l.entries.keys()].sort().join(' ')}] max ${l.maxEntries}`).sort(),
    web2: rules('sg-web2'),
    app: rules('sg-app'),
  };
}

const ADDRESSES = REMAINING.replace('strategy: prefix-list', 'strategy: addresses');

describe('strategy prefix-list', () => {
  it('survives launches, releases and its own removal with exactly the desired lists and rules left', async () => {
    const e = await cloud.start(scenario());
    const runtime = runtimeFor(e);
    const first = await run(config(yaml(PAIRINGS)), runtime);
    expect(first.ok).toBe(true);
    expect(first.plan.pairings.map((p) => [p.name, p.status, p.strategy?.chosen])).toEqual([
      ['web-api', 'Changes', 'prefix-list'],
      ['web-app', 'Changes', 'prefix-list'],
    ]);
    // one list for sg-web, shared by both pairings, tagged with the record and carrying the marker
    const [list] = [...e.emulator.world.prefixLists.values()];
    expect(list?.tags).toEqual({ 'sg-pairing:demo': 'owned' });
    expect(list?.description).toMatch(/^sg-pairing:demo:list:[0-9a-f]{16}$/);
    const id = list?.id as string;
    expect(state(e)).toEqual({
      lists: [`${id} [10.0.0.10/32] max 11`],
      web2: [`8080/8080 list ${id}`],
      app: [`9000/9000 list ${id}`],
    });

    // three launches: one ModifyPrefixList, no rule written, whatever the number of peer groups
    const ids = await launch(e, ACCOUNT_A_ID, 'sg-web', 3);
    e.emulator.calls.clear();
    expect((await run(config(yaml(PAIRINGS)), runtime)).ok).toBe(true);
    const writes = callCounts(e);
    expect([writes.ModifyPrefixList, writes.AuthorizeSecurityGroup, writes.CreatePrefixList]).toEqual([
      1,
      undefined,
      undefined,
    ]);
    const members = ['10.0.0.10', ...ids.map((i) => ipOf(e, i))].map((ip) => `${ip}/32`).sort();
    expect(state(e).lists).toEqual([`${id} [${members.join(' ')}] max 11`]);

    // a release, through its events (they name only the instance), takes its address out; the rules stay
    const releasedIp = `${ipOf(e, ids[0] as string)}/32`;
    cloud.useFunctionEnv(yaml(PAIRINGS));
    cloud.captureLogs();
    takeEvents(e);
    await release(e, ACCOUNT_A_ID, ids[0] as string);
    const events = takeEvents(e);
    const handled = (await instanceEvents(
      Buffer.from(JSON.stringify(events)),
      fcContext('sg-pairing-instance-events'),
    )) as EventsResult;
    expect(handled).toMatchObject({ status: 'Reconciled', pairings: ['web-api', 'web-app'], report: { ok: true } });
    const left = members.filter((m) => m !== releasedIp).join(' ');
    expect(state(e)).toEqual({
      lists: [`${id} [${left}] max 11`],
      web2: [`8080/8080 list ${id}`],
      app: [`9000/9000 list ${id}`],
    });

    // web-api removed: its rule revoked; the list stays for web-app
    expect((await run(config(yaml(REMAINING)), runtime)).ok).toBe(true);
    expect(state(e)).toEqual({ lists: [`${id} [${left}] max 11`], web2: [`8080/8080 list ${id}`], app: [] });

    // web-app moved to addresses: the list's rule revoked, then the list deleted; a second run is InSync
    expect((await run(config(yaml(ADDRESSES)), runtime)).ok).toBe(true);
    expect(state(e)).toEqual({ lists: [], web2: left.split(' ').map((m) => `8080/8080 ${m}`), app: [] });
    const again = await run(config(yaml(ADDRESSES)), runtime);
    expect(again.plan.pairings.map((p) => p.status)).toEqual(['InSync']);
    expect(again.plan.prefixLists).toBeUndefined();
  });
});
