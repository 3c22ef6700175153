import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../support/emulator-access';
import { callCounts, config, run, runtimeFor } from '../support/product';
import { ipOf, launch, release, twoVpcScenario } from '../support/two-vpcs';
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

/** Account a's prefix lists as `<description> [entries]`, and each group's ingress rules as `<ports> <source>`. */
function state(e: RunningEmulator) {
  const lists = [...e.emulator.world.prefixLists.values()].filter((l) => l.owner === ACCOUNT_A_ID);
  const nameOf = new Map(lists.map((l) => [l.id, l.description]));
  const rules = (g: string) =>
    (e.emulator.world.groups.get(g)?.rules ?? [])
      .filter((r) => r.direction === 'ingress')
      .map(
        (r) => `${r.portRange} ${r.sourcePrefixListId ? `list ${nameOf.get(r.sourcePrefixListId)}` : r.sourceCidrIp}`,
      )
      .sort();
  return {
    lists: lists.map((l) => `${l.description} [${[...l.entries.keys()].sort().join(' ')}] max ${l.maxEntries}`).sort(),
    web2: rules('sg-web2'),
    app: rules('sg-app'),
  };
}

const web = 'sg-pairing:demo:web-app:first';
const api = 'sg-pairing:demo:web-api:first';

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
    expect(state(e)).toEqual({
      lists: [`${api} [10.0.0.10/32] max 11`, `${web} [10.0.0.10/32] max 11`],
      web2: [`8080/8080 list ${web}`],
      app: [`9000/9000 list ${api}`],
    });

    // three launches: only the lists change, one ModifyPrefixList each, no rule written
    e.emulator.calls.clear();
    const ids = await launch(e, ACCOUNT_A_ID, 'sg-web', 3);
    e.emulator.calls.clear();
    const launched = await run(config(yaml(PAIRINGS)), runtime);
    expect(launched.ok).toBe(true);
    const writes = callCounts(e);
    expect([writes.ModifyPrefixList, writes.AuthorizeSecurityGroup, writes.CreatePrefixList]).toEqual([
      2,
      undefined,
      undefined,
    ]);
    const members = ['10.0.0.10', ...ids.map((i) => ipOf(e, i))].map((ip) => `${ip}/32`).sort();
    expect(state(e).lists).toEqual([`${api} [${members.join(' ')}] max 11`, `${web} [${members.join(' ')}] max 11`]);

    // a release takes its address out; the rules stay as they are
    const releasedIp = `${ipOf(e, ids[0] as string)}/32`;
    await release(e, ACCOUNT_A_ID, ids[0] as string);
    await run(config(yaml(PAIRINGS)), runtime);
    const left = members.filter((m) => m !== releasedIp).join(' ');
    expect(state(e)).toEqual({
      lists: [`${api} [${left}] max 11`, `${web} [${left}] max 11`],
      web2: [`8080/8080 list ${web}`],
      app: [`9000/9000 list ${api}`],
    });

    // web-api removed: its rule revoked, then its list deleted; web-app untouched; a second run is InSync
    const removed = await run(config(yaml(REMAINING)), runtime);
    expect(removed.ok).toBe(true);
    expect(state(e)).toMatchObject({ app: [], web2: [`8080/8080 list ${web}`] });
    expect(state(e).lists.map((l) => l.split(' [')[0])).toEqual([web]);
    const again = await run(config(yaml(REMAINING)), runtime);
    expect(again.plan.pairings.map((p) => p.status)).toEqual(['InSync']);
    expect(again.plan.prefixLists).toBeUndefined();
  });
});
