/**
 * Event latency: the wall time from handing an EventBridge event to the instance-events handler
 * until the rules it implies are in place, with every emulator call delayed (default 50 ms), and
 * the API round trips that took. Two events, each from the emulator's own emission:
 * - revoke: someone revokes a pairing rule (web-pair, one account) -> the rule is back;
 * - run-instances: instances launched into a paired group whose pairing (app-db, two accounts) is
 *   not yet in place; the RunInstances call and its state changes arrive as one batch.
 * `cold` is a fresh function instance (AssumeRole per account first); `warm` reuses its sessions.
 * Run: `npx tsx bench/event-latency.ts [--latency MS]`.
 */
import Ecs, * as $Ecs from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenarioFile, startEmulator, type RunningEmulator } from '../emulator';
import { handler as instanceEvents } from '../functions/instance-events';
import { forgetFunctionConfig, forgetFunctionRuntime, type FcContext } from '../shared/function-host';

export type EventKind = 'revoke' | 'run-instances';

export interface EventLatencyOptions {
  kind?: EventKind;
  /** added to every emulator call */
  latencyMs?: number;
  /** reuse the function instance's role sessions (a warm invocation) */
  warm?: boolean;
}

export interface EventLatencyResult {
  /** API calls the handler made (AssumeRole, Describe*, Authorize*) */
  roundTrips: number;
  /** handing the event to the handler -> its answer, with the rules in place */
  wallMs: number;
}

const root = resolve(__dirname, '..');
const HUB = { accessKeyId: 'LTAIhubExampleKey', accessKeySecret: 'hub-example-secret' };
const A = { accessKeyId: 'LTAIexampleA', accessKeySecret: 'example-secret-a' };
const B = { accessKeyId: 'LTAIexampleB', accessKeySecret: 'example-secret-b' };
const rt = new $dara.RuntimeOptions({});
const context = (): FcContext => ({
  requestId: `bench-${Date.now()}`,
  credentials: HUB,
  function: { name: 'sg-pairing-instance-events' },
  region: 'cn-qingdao',
  accountId: '1000000000000001',
});

export async function measureEventLatency(options: EventLatencyOptions = {}): Promise<EventLatencyResult> {
  const kind = options.kind ?? 'revoke';
  const emu = await startEmulator({ scenario: loadScenarioFile(resolve(root, 'examples/seed-scenario.yaml')) });
  const restoreEnv = setEnv({
    SG_PAIRING_CONFIG: readFileSync(resolve(root, 'examples/pairings.yaml'), 'utf8'),
    SG_PAIRING_ECS_ENDPOINT: emu.url,
    SG_PAIRING_VPC_ENDPOINT: emu.url,
    SG_PAIRING_STS_ENDPOINT: emu.url,
  });
  forgetFunctionConfig();
  forgetFunctionRuntime();
  try {
    const ecs = ecsAs(emu, A);
    const event =
      kind === 'revoke'
        ? await revokeEvent(emu, ecs, options.warm ?? false)
        : await runInstancesEvents(emu, ecs, options.warm ?? false);
    emu.emulator.faults.set({ latencyMs: options.latencyMs ?? 50 });
    emu.emulator.calls.clear();

    const started = performance.now();
    const result = (await quietly(() => instanceEvents(Buffer.from(JSON.stringify(event)), context()))) as {
      report?: { ok: boolean; counts: { rulesAdded: number } };
    };
    const wallMs = performance.now() - started;

    const expected = kind === 'revoke' ? 1 : 2;
    if (!result.report?.ok || result.report.counts.rulesAdded !== expected)
      throw new Error(`rules not in place: ${JSON.stringify(result)}`);
    return { roundTrips: emu.emulator.calls.records.length, wallMs: Math.round(wallMs) };
  } finally {
    restoreEnv();
    forgetFunctionConfig();
    forgetFunctionRuntime();
    await emu.close();
  }
}

/** Converged (through the handler, so a warm instance holds its sessions), then a rule revoked. */
async function revokeEvent(emu: RunningEmulator, ecs: Ecs, warm: boolean): Promise<unknown> {
  await quietly(() => instanceEvents(Buffer.from(JSON.stringify(stateChange('i-a1'))), context()));
  if (!warm) forgetFunctionRuntime();
  const rule = new $Ecs.RevokeSecurityGroupRequestPermissions({
    ipProtocol: 'ALL',
    portRange: '-1/-1',
    sourceCidrIp: '10.0.0.2/32',
  });
  await ecs.revokeSecurityGroupWithOptions(
    new $Ecs.RevokeSecurityGroupRequest({ regionId: 'cn-qingdao', securityGroupId: 'sg-a1', permissions: [rule] }),
    rt,
  );
  return emu.emulator.events.events.at(-1);
}

/**
 * Instances launched into app-db's group of account a while app-db's rules are missing: the call's
 * event and its state changes, as one batch. Warm: app-db was reconciled first (both sessions held)
 * and then both of its rules revoked by hand.
 */
async function runInstancesEvents(emu: RunningEmulator, ecs: Ecs, warm: boolean): Promise<unknown> {
  if (warm) {
    await quietly(() =>
      instanceEvents(
        Buffer.from(JSON.stringify(groupTouched('2222222222222222', 'sg-bp15ed6xe1yxeycg0002'))),
        context(),
      ),
    );
    const revoke = (client: Ecs, groupId: string, peer: string, owner: number) =>
      client.revokeSecurityGroupWithOptions(
        new $Ecs.RevokeSecurityGroupRequest({
          regionId: 'cn-qingdao',
          securityGroupId: groupId,
          permissions: [
            new $Ecs.RevokeSecurityGroupRequestPermissions({
              ipProtocol: 'ALL',
              portRange: '-1/-1',
              sourceGroupId: peer,
              sourceGroupOwnerId: owner,
            }),
          ],
        }),
        rt,
      );
    await revoke(ecs, 'sg-bp1azkttqpldxgte0001', 'sg-bp15ed6xe1yxeycg0002', 2222222222222222);
    await revoke(ecsAs(emu, B), 'sg-bp15ed6xe1yxeycg0002', 'sg-bp1azkttqpldxgte0001', 1111111111111111);
  }
  emu.emulator.events.clear();
  await ecs.runInstancesWithOptions(
    new $Ecs.RunInstancesRequest({
      regionId: 'cn-qingdao',
      securityGroupId: 'sg-bp1azkttqpldxgte0001',
      amount: 2,
      instanceType: 'ecs.g7.large',
      imageId: 'aliyun_3_x64',
    }),
    rt,
  );
  return emu.emulator.events.events;
}

/** A rule change in a group (ModifySecurityGroupRule): reconciles the group's pairings. */
function groupTouched(account: string, groupId: string): unknown {
  return {
    specversion: '1.0',
    id: `bench-${groupId}`,
    source: 'acs.ecs',
    type: 'ecs:ActionTrail:ApiCall',
    subject: `acs:ecs:cn-qingdao:${account}:securitygroup/${groupId}`,
    aliyunaccountid: account,
    aliyunregionid: 'cn-qingdao',
    data: {
      eventName: 'ModifySecurityGroupRule',
      acsRegion: 'cn-qingdao',
      errorCode: '',
      requestParameters: { SecurityGroupId: groupId },
    },
  };
}

const ecsAs = (emu: RunningEmulator, creds: typeof A): Ecs =>
  new Ecs(
    new $OpenApiUtil.Config({ ...creds, endpoint: new URL(emu.url).host, protocol: 'http', regionId: 'cn-qingdao' }),
  );

/** A state change of a web-pair instance: reconciles web-pair (and, warm, assumes account a's role). */
function stateChange(instanceId: string): unknown {
  const resourceId = `acs:ecs:cn-qingdao:1111111111111111:instance/${instanceId}`;
  return {
    specversion: '1.0',
    id: `bench-${instanceId}`,
    source: 'acs.ecs',
    type: 'ecs:Instance:StateChange',
    subject: resourceId,
    aliyunaccountid: '1111111111111111',
    aliyunregionid: 'cn-qingdao',
    data: {
      resourceId,
      regionId: 'cn-qingdao',
      userId: '1111111111111111',
      content: { resourceId: instanceId, state: 'Running' },
    },
  };
}

/** The handler logs JSON lines on stdout (FC's log store); keep the bench's output a table. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
}

function setEnv(vars: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { latency: { type: 'string' } } });
  const latencyMs = values.latency ? Number(values.latency) : 50;
  await measureEventLatency({ kind: 'revoke', latencyMs: 0 }); // warm-up: JIT, SDK modules
  console.log(`event -> rules in place, emulator latency ${latencyMs} ms per call`);
  console.log('event          instance  round trips  wall ms');
  for (const kind of ['revoke', 'run-instances'] as const) {
    for (const warm of [false, true]) {
      const r = await measureEventLatency({ kind, latencyMs, warm });
      console.log(
        `${kind.padEnd(14)} ${(warm ? 'warm' : 'cold').padEnd(9)} ${String(r.roundTrips).padStart(11)}  ${String(r.wallMs).padStart(7)}`,
      );
    }
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
