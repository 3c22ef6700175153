import * as $Ecs from '@alicloud/ecs20140526';
import * as $dara from '@darabonba/typescript';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as instanceEvents } from '../../functions/instance-events';
import type { EventsResult } from '../../shared/triggers/eventbridge';
import { ecsClient } from '../support/clients';
import type { RunningEmulator } from '../support/emulator-access';
import { eventBuffer, type EventFixture } from '../support/event-fixtures';
import { captureLogs, fcContext, useFunctionEnv, type CapturedLogs } from '../support/function-calls';
import {
  callCounts,
  examples,
  exampleConfig,
  exampleScenario,
  ingressRules,
  run,
  runtimeFor,
  startWith,
} from '../support/product';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, ACCOUNT_A_CREDENTIALS, ACCOUNT_B_CREDENTIALS } from '../support/identities';

// instance-events, the real handler: EventBridge bytes in, the real SDKs against the emulator.

const PAIRINGS_YAML = readFileSync(resolve(examples, 'pairings.yaml'), 'utf8');
const rt = new $dara.RuntimeOptions({});

let emu: RunningEmulator;
let undoEnv: () => void;
let logs: CapturedLogs;

async function start(
  scenario: unknown = exampleScenario(),
  options: { converge?: boolean; yaml?: string; env?: Record<string, string> } = {},
): Promise<void> {
  emu = await startWith(scenario);
  undoEnv = useFunctionEnv(emu, options.yaml ?? PAIRINGS_YAML, options.env);
  if (options.converge ?? true) await run(exampleConfig(), runtimeFor(emu));
  emu.emulator.calls.clear();
  emu.emulator.events.clear();
  logs = captureLogs();
}

const invoke = (event: Buffer, name = 'sg-pairing-instance-events') =>
  instanceEvents(event, fcContext(name)) as Promise<EventsResult>;
const steps = (action: string) => logs.lines().filter((l) => l.action === action);

beforeEach(() => {
  logs = undefined as unknown as CapturedLogs;
});
afterEach(async () => {
  logs?.restore();
  undoEnv?.();
  await emu?.close();
});

describe('instance-events: every fixture, on a converged world', () => {
  const inScope: [EventFixture, string[]][] = [
    ['run-instances', ['app-db']],
    ['run-instances-burst', ['app-db']],
    ['create-instance', ['app-db']],
    // events naming only an instance also reach app-db: its auto group sides may send by address,
    // and a started or released instance may be a member
    ['start-instance', ['app-db', 'web-pair']],
    ['delete-instance', ['app-db', 'web-pair']],
    ['delete-instances', ['app-db', 'web-pair']],
    ['join-security-group', ['web-pair']],
    ['leave-security-group', ['web-pair']],
    ['revoke-security-group', ['web-pair']],
    ['modify-security-group-rule', ['app-db']],
    ['delete-security-group', ['web-pair']],
    ['state-change-running', ['app-db', 'web-pair']],
    ['batch', ['app-db', 'web-pair']],
  ];

  it.each(inScope)('%s reconciles exactly %j, in one run, writing nothing', async (fixture, pairings) => {
    await start();
    const result = await invoke(eventBuffer(fixture));
    expect(result).toMatchObject({ status: 'Reconciled', pairings });
    expect(result.report).toMatchObject({
      ok: true,
      pairings: pairings.map((name) => ({ name, status: 'InSync', counts: { toAdd: 0, added: 0, failed: 0 } })),
    });
    expect(steps('run-report')).toHaveLength(1);
    expect(callCounts(emu).AuthorizeSecurityGroup).toBeUndefined();
  });

  const ignoredCases: [EventFixture, string][] = [
    ['failed-call', 'FailedApiCall'],
    ['undeclared-account', 'UndeclaredAccount'],
    ['other-region', 'OtherRegion'],
    ['unrelated-type', 'UnhandledType'],
    ['state-change-stopped', 'StateNotRunning'],
  ];

  it.each(ignoredCases)('%s is ignored (%s), logged, and makes no API call at all', async (fixture, reason) => {
    await start();
    const result = await invoke(eventBuffer(fixture));
    expect(result).toMatchObject({
      status: 'NothingInScope',
      events: 1,
      pairings: [],
      ignored: [expect.objectContaining({ reason })],
    });
    expect(emu.emulator.calls.records).toEqual([]);
    expect(
      steps('event')
        .concat(steps('scope'))
        .some((l) => l.reason === reason && l.result === 'ignored'),
    ).toBe(true);
    expect(steps('scope').at(-1)).toMatchObject({ level: 'info', result: 'nothing-in-scope' });
  });

  it('bytes that are not JSON are ignored, not thrown, with no API call', async () => {
    await start();
    const result = await invoke(Buffer.from('<html>502</html>'));
    expect(result).toMatchObject({ status: 'NothingInScope', ignored: [{ reason: 'InvalidJson' }] });
    expect(emu.emulator.calls.records).toEqual([]);
  });

  it('an in-scope event that names no pairing resource makes no API call (a new instance, no pairing sending by address)', async () => {
    await start(exampleScenario(), {
      yaml: PAIRINGS_YAML.replace('  - name: app-db\n', '  - name: app-db\n    strategy: group\n'),
    });
    const event = JSON.parse(eventBuffer('state-change-running').toString().replaceAll('i-a2', 'i-nobody')) as {
      data: { content: { resourceId: string } };
    };
    expect(event.data.content.resourceId).toBe('i-nobody');
    const result = await invoke(Buffer.from(JSON.stringify(event)));
    expect(result).toMatchObject({ status: 'NothingInScope', ignored: [] });
    expect(emu.emulator.calls.records).toEqual([]);
  });
});

describe("instance-events on the emulator's own events", () => {
  const cases = [
    {
      who: 'a revokes the web-pair rule of sg-a1',
      creds: ACCOUNT_A_CREDENTIALS,
      group: 'sg-a1',
      pairing: 'web-pair',
      rule: { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.2/32' },
      // one account: its two instances, their two groups, one write; beside it, the group's record
      // tag (this fresh process does not know the group tagged yet: a warm one skips the call)
      calls: {
        AssumeRole: 1,
        DescribeInstances: 1,
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
    await start();
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
    await start(exampleScenario(), { converge: false });
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
    await start(exampleScenario(), { converge: false });
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

describe('instance-events: failures', () => {
  it('a throttled account: the reconcile fails retryably and the handler throws (EventBridge retries)', async () => {
    // no time to wait throttling out in this invocation (as when the function's timeout is near)
    await start(exampleScenario(), { env: { SG_PAIRING_THROTTLE_WAIT_MS: '0' } });
    emu.emulator.faults.set({ action: 'AssumeRole', failNext: { count: 1, code: 'Throttling.User' } });
    await expect(invoke(eventBuffer('revoke-security-group'))).rejects.toMatchObject({
      code: 'RetryableFailure',
      retryable: true,
      pairing: 'web-pair',
    });
    expect(steps('pairing')).toEqual([
      expect.objectContaining({ level: 'warn', pairing: 'web-pair', result: 'Failed', reason: 'Throttling.User' }),
    ]);
  });

  it('a denied account: reported, not thrown (a retry cannot fix it)', async () => {
    const scenario = exampleScenario() as { accounts: { id: string; roles?: unknown[] }[] };
    scenario.accounts.find((a) => a.id === ACCOUNT_B_ID)!.roles = [{ name: 'sg-pairing', trust: ['9999999999999999'] }];
    await start(scenario, { converge: false });

    const result = await invoke(eventBuffer('batch'));

    expect(result.report).toMatchObject({
      ok: false,
      pairings: [
        { name: 'app-db', status: 'Failed', reason: 'AccessDenied', retryable: false },
        { name: 'web-pair', status: 'Changed' },
      ],
    });
  });

  it('an invalid config fails every invocation loudly, with its diagnostics', async () => {
    await start(exampleScenario(), {
      converge: false,
      yaml: PAIRINGS_YAML.replace('name: demo', 'name: Not A Name').replace('account: b', 'account: c'),
    });
    for (let i = 0; i < 2; i++) {
      await expect(invoke(eventBuffer('revoke-security-group'))).rejects.toMatchObject({
        code: 'ConfigInvalid',
        retryable: false,
      });
    }
    const errors = steps('config');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ level: 'error', result: 'invalid', code: 'ConfigInvalid' });
    expect((errors[0].diagnostics as { path: string }[]).map((d) => d.path)).toEqual(
      expect.arrayContaining(['name', 'pairings[1].between[1].account']),
    );
    expect(emu.emulator.calls.records).toEqual([]);
  });
});

describe('instance-events: logs', () => {
  it('one JSON line per step, keyed by request and trigger, ending with the run report; no secret', async () => {
    await start(exampleScenario(), { converge: false });
    const context = fcContext('sg-pairing-instance-events', { requestId: 'req-logs' });

    await instanceEvents(eventBuffer('revoke-security-group'), context);

    const lines = logs.lines();
    expect(
      lines.every(
        (l) =>
          l.requestId === 'req-logs' &&
          l.trigger === 'eventbridge' &&
          typeof l.time === 'string' &&
          typeof l.level === 'string',
      ),
    ).toBe(true);
    const actions = lines.map((l) => l.action as string);
    // the record's tag call goes out beside the two writes: their lines come in any order
    expect([...actions.slice(0, 3), ...actions.slice(3, 6).sort(), ...actions.slice(6)]).toEqual([
      'event',
      'scope',
      'plan',
      'authorize',
      'authorize',
      'record-tag',
      'report',
      'change',
      'change',
      'pairing',
      'run-report',
    ]);
    expect(lines.find((l) => l.action === 'change')).toMatchObject({
      account: ACCOUNT_A_ID,
      pairing: 'web-pair',
      change: 'add',
      result: 'applied',
    });
    expect(lines.at(-1)).toMatchObject({
      action: 'run-report',
      result: 'ok',
      report: { ok: true, pairings: [{ name: 'web-pair', status: 'Changed' }] },
    });
    const raw = logs.raw();
    const secrets = [
      context.credentials!.accessKeySecret!,
      ...[...emu.emulator.world.sessions.values()].flatMap((s) => [s.secret, s.token]),
    ];
    for (const secret of secrets) expect(raw).not.toContain(secret);
  });
});
