/**
 * Issue 16's figures for strategy prefix-list, side by side with addresses:
 * - a RunInstances of 3 instances into a side paired by address with 10 peer groups (one account,
 *   one VPC, ten pairings), its events handed to instance-events, warm, emulator at 50 ms per call:
 *   API calls (all, and writes) and wall until the new IPs are allowed in every peer group. The
 *   pairings are applied first by the timer's sweep; then instance-events runs in a fresh process
 *   (its runtime forgotten) warmed as a deployed one is, by an earlier launch event (1 instance), and
 *   the measured launch is the next one. `coldList`: the calls of that first event (prefix-list: its
 *   owned list not known to the process yet, so DescribePrefixLists too);
 * - 1,000 (and fewer) members in one side: the rule room each peer group spends, from the pure plan.
 * Run: `npx tsx bench/prefix-list.ts` (add `--merge` to put its rows into bench/results.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { handler as instanceEvents } from '../functions/instance-events';
import { handler as scheduledReconcile } from '../functions/scheduled-reconcile';
import { forgetFunctionConfig, forgetFunctionRuntime, type FcContext } from '../shared/function-host';
import { parseConfigText } from '../shared/config';
import { planPairings, type ActualGroup, type ActualState } from '../shared/plan';
import { factKey, memberKey, sizeMaxEntries, type InstanceFacts } from '../shared/rules';
import type { RunningEmulator } from '../test/support/emulator-access';
import { startWith } from '../test/support/product';
import { ipOf, launch, takeEvents, twoVpcScenario } from '../test/support/two-vpcs';

const A = '1111111111111111';
const PEERS = 10;
const WRITES = ['AuthorizeSecurityGroup', 'RevokeSecurityGroup', 'ModifyPrefixList', 'CreatePrefixList'];

const context = (): FcContext => ({
  requestId: `bench-${Date.now()}`,
  credentials: { accessKeyId: 'LTAIhubExampleKey', accessKeySecret: 'hub-example-secret' },
  function: { name: 'sg-pairing-instance-events' },
  region: 'cn-qingdao',
  accountId: '1000000000000001',
});

/** sg-web sends to ten peer groups of the same account and VPC, one pairing each, under `strategy`. */
function yaml(strategy: 'addresses' | 'prefix-list'): string {
  const pairings = Array.from(
    { length: PEERS },
    (_, n) => `  - name: p${n}
    between: [{ account: a, securityGroup: sg-web }, { account: a, securityGroup: sg-p${n} }]
    direction: first-to-second
    strategy: ${strategy}
    protocol: tcp
    ports: 80/80
`,
  ).join('');
  return `version: 1\nname: demo\nregion: cn-qingdao\naccounts: { a: { id: "${A}" } }\npairings:\n${pairings}`;
}

function scenario(): Record<string, unknown> {
  const s = twoVpcScenario();
  const groups = s.securityGroups as Record<string, unknown>[];
  for (let n = 0; n < PEERS; n++) groups.push({ id: `sg-p${n}`, owner: A, vpc: 'vpc-a' });
  return s;
}

export interface LaunchFigures {
  strategy: 'addresses' | 'prefix-list';
  calls: number;
  writes: number;
  byAction: Record<string, number>;
  wallMs: number;
  allowed: boolean;
  /** calls of the warm-up launch event (the first of the process), by action */
  coldList: Record<string, number>;
}

export async function measurePrefixListLaunch(
  strategy: 'addresses' | 'prefix-list',
  latencyMs = 50,
): Promise<LaunchFigures> {
  const emu = await startWith(scenario());
  const saved = { ...process.env };
  Object.assign(process.env, {
    SG_PAIRING_CONFIG: yaml(strategy),
    SG_PAIRING_ECS_ENDPOINT: emu.url,
    SG_PAIRING_VPC_ENDPOINT: emu.url,
    SG_PAIRING_STS_ENDPOINT: emu.url,
    SG_PAIRING_FC_ENDPOINT: emu.url,
  });
  forgetFunctionConfig();
  forgetFunctionRuntime();
  const quiet = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write; // the handler's JSON log lines
  try {
    await scheduledReconcile(
      Buffer.from(JSON.stringify({ triggerTime: new Date().toISOString(), triggerName: 'bench', payload: '' })),
      context(),
    );
    // instance-events as a deployed, warm process: its own runtime, warmed by an earlier launch's event
    forgetFunctionRuntime();
    await launch(emu, A, 'sg-web', 1);
    const first = takeEvents(emu);
    emu.emulator.calls.clear();
    await instanceEvents(Buffer.from(JSON.stringify(first)), context());
    const coldList = countByAction(emu);
    const ids = await launch(emu, A, 'sg-web', 3);
    const events = takeEvents(emu);
    emu.emulator.calls.clear();
    emu.emulator.faults.set({ latencyMs });
    const t = performance.now();
    await instanceEvents(Buffer.from(JSON.stringify(events)), context());
    const wallMs = performance.now() - t;
    const byAction = countByAction(emu);
    const writes = WRITES.reduce((n, a) => n + (byAction[a] ?? 0), 0);
    const allowed = ids.every((i) => allowedEverywhere(emu, ipOf(emu, i)));
    return { strategy, calls: emu.emulator.calls.records.length, writes, byAction, wallMs, allowed, coldList };
  } finally {
    process.stdout.write = quiet;
    process.env = saved;
    await emu.close();
  }
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((n, c) => n + c, 0);

function countByAction(emu: RunningEmulator): Record<string, number> {
  const byAction: Record<string, number> = {};
  for (const c of emu.emulator.calls.records) byAction[c.action] = (byAction[c.action] ?? 0) + 1;
  return byAction;
}

/** Whether every peer group lets the address in: by its own rule, or through a prefix list holding it. */
function allowedEverywhere(emu: RunningEmulator, ip: string): boolean {
  const world = emu.emulator.world;
  return Array.from({ length: PEERS }, (_, n) => world.groups.get(`sg-p${n}`)).every((g) =>
    (g?.rules ?? []).some(
      (r) =>
        r.sourceCidrIp === `${ip}/32` ||
        (r.sourcePrefixListId !== undefined && world.prefixLists.get(r.sourcePrefixListId)?.entries.has(`${ip}/32`)),
    ),
  );
}

export interface RoomFigures {
  members: number;
  addresses: { roomPerPeerGroup: number; status: string };
  prefixList: { roomPerPeerGroup: number | null; status: string; strategy: string };
}

/** The room one peer group spends for a side of `members`, each strategy, from the pure plan. */
export function measureRoomPerPeerGroup(members: number): RoomFigures {
  const plan = (strategy: 'addresses' | 'prefix-list') => {
    const parsed = parseConfigText(
      `version: 1\nname: demo\nregion: cn-qingdao\naccounts: { a: { id: "${A}" } }\npairings:\n  - name: p0\n    between: [{ account: a, securityGroup: sg-web }, { account: a, securityGroup: sg-p0 }]\n    direction: first-to-second\n    strategy: ${strategy}\n    protocol: tcp\n    ports: 80/80\n`,
      'bench.yaml',
    );
    if (!parsed.ok) throw new Error('bench config invalid');
    return planPairings(parsed.config, syntheticState(members));
  };
  const byAddress = plan('addresses');
  const byList = plan('prefix-list');
  const list = byList.pairings[0];
  const maxEntries = byList.prefixLists?.[0]?.maxEntries ?? null;
  return {
    members,
    addresses: { roomPerPeerGroup: members, status: byAddress.pairings[0]?.status ?? '' },
    prefixList: {
      roomPerPeerGroup: list?.strategy?.chosen === 'prefix-list' ? maxEntries : members,
      status: list?.status ?? '',
      strategy: `${list?.strategy?.chosen} (${list?.strategy?.reason})`,
    },
  };
}

function syntheticState(members: number): ActualState {
  const group = (groupId: string): ActualGroup => ({
    accountId: A,
    groupId,
    vpcId: 'vpc-a',
    type: 'normal',
    innerAccessPolicy: 'Accept',
    rules: [],
    ruleCount: 0,
    referencedGroupCount: 0,
    regionId: 'cn-qingdao',
  });
  const instances: InstanceFacts[] = Array.from({ length: members }, (_, n) => ({
    accountId: A,
    instanceId: `i-${n}`,
    status: 'Running',
    privateIp: `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}`,
    vpcId: 'vpc-a',
    securityGroupIds: ['sg-web'],
    regionId: 'cn-qingdao',
  }));
  return {
    groups: { [factKey(A, 'sg-web')]: group('sg-web'), [factKey(A, 'sg-p0')]: group('sg-p0') },
    instances: {},
    memberInstances: { [memberKey({ accountId: A, securityGroupId: 'sg-web' })]: instances },
    vpcs: { [factKey(A, 'vpc-a')]: { vpcId: 'vpc-a', cidrs: ['10.0.0.0/16'] } },
    accountFailures: [],
    prefixLists: {},
    prefixListAccounts: [A],
  };
}

/** The run of median wall among three (the machine is shared: one run can be slowed by others). */
async function medianLaunch(strategy: 'addresses' | 'prefix-list'): Promise<LaunchFigures> {
  const runs: LaunchFigures[] = [];
  for (let i = 0; i < 3; i++) runs.push(await measurePrefixListLaunch(strategy));
  return runs.sort((a, b) => a.wallMs - b.wallMs)[1] as LaunchFigures;
}

export async function measurePrefixList(): Promise<{
  launch: LaunchFigures[];
  room: RoomFigures[];
  sizing: Record<number, number | undefined>;
}> {
  const launch = [await medianLaunch('addresses'), await medianLaunch('prefix-list')];
  const room = [3, 100, 150, 1000].map(measureRoomPerPeerGroup);
  return { launch, room, sizing: Object.fromEntries([3, 100, 150, 200].map((n) => [n, sizeMaxEntries(n)])) };
}

/** A row of bench/run.ts's table. */
export interface BenchRow {
  target: string;
  measure: string;
  value: string;
  goal: string;
  met: boolean;
}

/** Issue 16: a launch into a side with 10 peer groups, addresses vs prefix-list; the room a side of N members spends. */
export async function prefixListRows(results: Record<string, unknown>): Promise<BenchRow[]> {
  process.stderr.write('prefix lists...\n');
  const r = await measurePrefixList();
  results.prefixList = r;
  const [addresses, list] = r.launch;
  if (addresses === undefined || list === undefined) return [];
  const rows: BenchRow[] = [
    {
      target: '16 prefix lists',
      measure: `RunInstances (3) into a side with 10 peer groups, its events to a warm instance-events, 50 ms/call: writes, all calls, wall ms (addresses ${addresses.writes}, ${addresses.calls}, ${addresses.wallMs.toFixed(0)}; prefix-list's first event of a process: ${sum(list.coldList)} calls with AssumeRole, DescribeVpcs, DescribePrefixLists)`,
      value: `${list.writes}, ${list.calls}, ${list.wallMs.toFixed(0)}`,
      goal: '<= 3 calls, <= 1/3 the wall',
      met: list.calls <= 3 && list.wallMs <= addresses.wallMs / 3 && list.allowed,
    },
  ];
  for (const x of r.room)
    rows.push({
      target: '16 prefix lists',
      measure: `${x.members} members in one side: rule room per peer group, addresses / prefix-list (${x.prefixList.strategy})`,
      value: `${x.addresses.roomPerPeerGroup} / ${x.prefixList.roomPerPeerGroup ?? '-'}`,
      goal: 'see docs/performance.md',
      met: true,
    });
  return rows;
}

/** `--merge`: these rows (and `prefixList`) put into bench/results.json in place of their last version, the rest kept. */
async function mergeIntoResults(): Promise<void> {
  const file = resolve(__dirname, 'results.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { table?: BenchRow[] };
  const rows = await prefixListRows(results);
  results.table = [...(results.table ?? []).filter((r) => r.target !== '16 prefix lists'), ...rows];
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.table(rows);
}

if (require.main === module && process.argv.includes('--merge')) {
  void mergeIntoResults();
} else if (require.main === module) {
  measurePrefixList().then((r) => {
    for (const l of r.launch)
      console.log(
        `${l.strategy}: RunInstances (3) -> allowed in ${PEERS} peer groups: ${l.calls} API calls (${l.writes} writes), ${l.wallMs.toFixed(0)} ms at 50 ms/call, allowed=${l.allowed} ${JSON.stringify(l.byAction)}`,
      );
    for (const x of r.room)
      console.log(
        `${x.members} members: addresses ${x.addresses.roomPerPeerGroup} rules/peer group (${x.addresses.status}); prefix-list ${x.prefixList.roomPerPeerGroup} (${x.prefixList.status}, ${x.prefixList.strategy})`,
      );
  });
}
