import { describe, expect, it } from 'vitest';
import { handler as reconcileWorker } from '../../functions/reconcile-worker';
import { handler as scheduledReconcile } from '../../functions/scheduled-reconcile';
import type { RunningEmulator } from '../support/emulator-access';
import { fixtureJson, timerBuffer, workerBuffer } from '../support/event-fixtures';
import { fcContext } from '../support/function-calls';
import { callCounts, config, run, runtimeFor } from '../support/product';
import { HUB_ACCOUNT_ID, ACCOUNT_C_ID } from '../support/identities';
import { useEmulator } from '../support/use-emulator';
import { fanoutConfigYaml, fanoutScenario } from '../support/fanout-world';

// scheduled-reconcile fans out through the emulator's FC 3.0 endpoint to the real reconcile-worker.

const WORKER = 'sg-pairing-reconcile-worker';
const FC_ROLE = `acs:ram::${HUB_ACCOUNT_ID}:role/sg-pairing-fc`;
const EXTRA = [ACCOUNT_C_ID, '4444444444444444', '5555555555555555', '6666666666666666'];

const sixAccounts = () => fanoutScenario(EXTRA);
const YAML = fanoutConfigYaml(EXTRA);

const TIMER = timerBuffer('every-10-minutes');

const cloud = useEmulator();

async function start(env: Record<string, string> = {}): Promise<RunningEmulator> {
  const emu = await cloud.start(sixAccounts());
  cloud.useFunctionEnv(YAML, env);
  cloud.captureLogs();
  return emu;
}

describe('scheduled-reconcile', () => {
  it('over the account limit: one async worker invocation per shard, each worker converges its pairings', async () => {
    // Prepare: 6 accounts, at most 2 per shard; the worker registered in FC with an execution role
    const emu = await start({ SG_PAIRING_FANOUT_ACCOUNTS: '2' });
    const received: { requestId: string; payload: { shard: number } }[] = [];
    emu.emulator.functions.register(
      WORKER,
      async (event, context) => {
        received.push({ requestId: context.requestId, payload: JSON.parse(event.toString('utf8')) });
        return reconcileWorker(event, context);
      },
      { role: FC_ROLE },
    );

    // Act
    const result = (await scheduledReconcile(TIMER, fcContext('sg-pairing-scheduled-reconcile'))) as { runId: string };
    const invocations = await emu.emulator.functions.settled();

    // Assess: the summary, the payloads (names only), every worker done, everything converged
    expect(result).toEqual({
      mode: 'fanout',
      ok: true,
      runId: expect.any(String),
      accounts: 6,
      shards: 3,
      pairings: 6,
      invocations: [0, 1, 2].map((shard) => ({
        shard,
        requestId: received.find((r) => r.payload.shard === shard)!.requestId,
      })),
      failures: [],
    });
    expect(received.map((r) => r.payload).sort((x, y) => x.shard - y.shard)).toEqual([
      { pairings: ['web-pair', 'app-db'], runId: result.runId, shard: 0, shards: 3, assumeRolesPerSecond: 100 / 3 },
      { pairings: ['inner-0', 'inner-1'], runId: result.runId, shard: 1, shards: 3, assumeRolesPerSecond: 100 / 3 },
      { pairings: ['inner-2', 'inner-3'], runId: result.runId, shard: 2, shards: 3, assumeRolesPerSecond: 100 / 3 },
    ]);
    expect(invocations.map((i) => [i.name, i.type, i.status])).toEqual(
      [0, 1, 2].map(() => [WORKER, 'Async', 'succeeded']),
    );
    expect(invocations.map((i) => i.result)).toEqual(
      invocations.map(() => expect.objectContaining({ ok: true, parentRunId: result.runId, shards: 3 })),
    );
    expect(callCounts(emu).InvokeFunction).toBe(3);
    const after = await run(config(YAML), runtimeFor(emu), { dryRun: true });
    expect(after.pairings.map((p) => [p.name, p.status])).toEqual(
      ['app-db', 'inner-0', 'inner-1', 'inner-2', 'inner-3', 'web-pair'].map((n) => [n, 'InSync']),
    );
    // each worker logged its report as one JSON line
    expect(cloud.logs.lines().filter((l) => l.action === 'run-report' && l.trigger === 'fc-async')).toHaveLength(3);
  });

  it('within the limit (default 20 accounts): reconciles in-process and returns the report summary', async () => {
    const emu = await start();

    const result = await scheduledReconcile(TIMER, fcContext('sg-pairing-scheduled-reconcile'));

    expect(result).toMatchObject({
      mode: 'in-process',
      ok: true,
      accounts: 6,
      report: { ok: true, counts: { pairings: 6, changed: 6 } },
    });
    expect(callCounts(emu).InvokeFunction).toBeUndefined();
  });

  it('a worker function that does not exist: reported as a terminal failure, not thrown', async () => {
    await start({ SG_PAIRING_FANOUT_ACCOUNTS: '2', SG_PAIRING_WORKER_FUNCTION: 'no-such-worker' });

    const result = await scheduledReconcile(TIMER, fcContext('sg-pairing-scheduled-reconcile'));

    expect(result).toMatchObject({
      mode: 'fanout',
      ok: false,
      invocations: [],
      failures: [0, 1, 2].map((shard) => ({ shard, code: 'FunctionNotFound', retryable: false })),
    });
  });

  it('FC unavailable: the handler throws after trying every shard, so the timer run is retried', async () => {
    const emu = await start({ SG_PAIRING_FANOUT_ACCOUNTS: '2', SG_PAIRING_RETRY_MAX_ATTEMPTS: '1' });
    emu.emulator.functions.register(WORKER, reconcileWorker, { role: FC_ROLE });
    emu.emulator.faults.set({ action: 'InvokeFunction', failNext: { count: 1, code: 'ServiceUnavailable' } });

    await expect(scheduledReconcile(TIMER, fcContext('sg-pairing-scheduled-reconcile'))).rejects.toMatchObject({
      code: 'RetryableFailure',
      retryable: true,
    });
    expect((await emu.emulator.functions.settled()).map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('refuses an event that is not a timer event, without retry', async () => {
    const emu = await start();
    const result = await scheduledReconcile(
      Buffer.from('{"hello":"world"}'),
      fcContext('sg-pairing-scheduled-reconcile'),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'InvalidTimerEvent', retryable: false } });
    expect(emu.emulator.calls.records).toEqual([]);
  });
});

describe('reconcile-worker', () => {
  const payload = (p: Record<string, unknown>) =>
    Buffer.from(JSON.stringify({ ...fixtureJson('worker', 'one-shard'), ...p }));

  it('reconciles its shard and logs its report', async () => {
    await start();
    const result = await reconcileWorker(payload({ pairings: ['web-pair'] }), fcContext(WORKER));
    expect(result).toMatchObject({
      ok: true,
      parentRunId: 'run-1',
      shard: 0,
      shards: 1,
      report: { pairings: [{ name: 'web-pair', status: 'Changed' }] },
    });
    expect(cloud.logs.lines().at(-1)).toMatchObject({
      action: 'run-report',
      trigger: 'fc-async',
      parentRunId: 'run-1',
      shard: 0,
    });
  });

  it('the first shard also prunes the record in a declared account no pairing uses any more; a later shard does not', async () => {
    // inner-3 removed from the config, account x3 still declared; its group holds inner-3's rule and the tag
    const world = sixAccounts();
    const group = (world.securityGroups as { id: string; rules?: unknown[]; tags?: Record<string, string> }[]).find(
      (g) => g.id === 'sg-x3a',
    )!;
    group.tags = { 'sg-pairing:demo': 'owned' };
    group.rules = [
      { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.13.0.9/32', description: 'sg-pairing:demo:inner-3' },
    ];
    const emu = await cloud.start(world);
    cloud.useFunctionEnv(YAML.replace(/ {2}- name: inner-3\n.*\n/, ''));
    cloud.captureLogs();
    const ownedRules = () =>
      emu.emulator.world.groups.get('sg-x3a')!.rules.filter((r) => r.description === 'sg-pairing:demo:inner-3').length;

    await reconcileWorker(payload({ pairings: ['inner-0'], shard: 1, shards: 2 }), fcContext(WORKER));
    expect(ownedRules()).toBe(1);

    const result = await reconcileWorker(payload({ pairings: ['web-pair'], shard: 0, shards: 2 }), fcContext(WORKER));

    expect(result).toMatchObject({ ok: true, shard: 0 });
    expect(ownedRules()).toBe(0);
    expect(emu.emulator.world.groups.get('sg-x3a')!.tags).toEqual({});
  });

  it.each([
    ['unknown pairing names', payload({ pairings: ['web-pair', 'nope'] }), 'UnknownPairing'],
    ['a payload that is not one', workerBuffer('not-a-payload'), 'InvalidPayload'],
  ])('%s: a terminal error, reported, not thrown, no API call', async (_what, event, code) => {
    const emu = await start();
    const result = await reconcileWorker(event, fcContext(WORKER));
    expect(result).toMatchObject({ ok: false, error: { code, retryable: false } });
    expect(emu.emulator.calls.records).toEqual([]);
    expect(cloud.logs.lines().some((l) => l.level === 'error' && l.code === code)).toBe(true);
  });

  it('a retryable failure is thrown (FC retries the async invocation)', async () => {
    const emu = await start({ SG_PAIRING_RETRY_MAX_ATTEMPTS: '1' });
    emu.emulator.faults.set({ action: 'DescribeInstances', failNext: { count: 1, code: 'ServiceUnavailable' } });
    await expect(reconcileWorker(payload({ pairings: ['web-pair'] }), fcContext(WORKER))).rejects.toMatchObject({
      code: 'RetryableFailure',
      retryable: true,
    });
  });

  it('an invalid config fails every invocation loudly (timer and worker)', async () => {
    const emu = await start();
    cloud.useFunctionEnv(YAML.replace('roleName: sg-pairing', 'roleName: "no spaces allowed"'));
    for (const [fn, event] of [
      [reconcileWorker, payload({ pairings: ['web-pair'] })],
      [scheduledReconcile, TIMER],
      [reconcileWorker, payload({ pairings: ['web-pair'] })],
    ] as const) {
      await expect(fn(event, fcContext(WORKER))).rejects.toMatchObject({ code: 'ConfigInvalid' });
    }
    expect(cloud.logs.lines().filter((l) => l.action === 'config' && l.level === 'error')).toHaveLength(3);
    expect(emu.emulator.calls.records).toEqual([]);
  });
});

describe('scheduled-reconcile without an FC endpoint it can build', () => {
  it('no SG_PAIRING_FC_ENDPOINT and no account id in the context: every shard reported as a terminal failure', async () => {
    const emu = await start({ SG_PAIRING_FANOUT_ACCOUNTS: '2', SG_PAIRING_FC_ENDPOINT: '' });
    const result = await scheduledReconcile(
      TIMER,
      fcContext('sg-pairing-scheduled-reconcile', { accountId: undefined }),
    );
    expect(result).toMatchObject({
      mode: 'fanout',
      ok: false,
      failures: [0, 1, 2].map((shard) => ({ shard, code: 'EndpointInvalid', retryable: false })),
    });
    expect(emu.emulator.calls.records).toEqual([]);
  });
});
