// Issue 14 "done when": three runs (event, timer with one denied account, HTTP) leave three objects and a
// latest.json in OSS; `history` lists them; the timer's Failed pairing is a sg-pairing:Run:Failed event
// on the hub's bus and an error FC counts — all through ali-oss and the ACS3 client against the emulator.
import { describe, expect, it, vi } from 'vitest';
import { runHistoryCommand } from '../../cli/history-command';
import { runStatusCommand } from '../../cli/status-command';
import type { ComplianceModel } from '../../shared/compliance';
import { handler as httpApi } from '../../functions/http-api';
import { handler as instanceEvents } from '../../functions/instance-events';
import { handler as scheduledReconcile } from '../../functions/scheduled-reconcile';
import { readLatestRun } from '../../shared/history';
import { createRuntime } from '../../shared/function-host';
import { encodeFcHttpEvent } from '../../shared/triggers/http';
import { eventBuffer, timerBuffer } from '../support/event-fixtures';
import { fcContext } from '../support/function-calls';
import { ACCOUNT_B_ID, HUB_ACCOUNT_ID, HUB_CREDENTIALS } from '../support/identities';
import { PAIRINGS_YAML } from '../support/instance-events';
import { examples, exampleScenario } from '../support/product';
import { useEmulator } from '../support/use-emulator';
import type { RunningEmulator } from '../support/emulator-access';

const cloud = useEmulator();
const BUCKET = 'sg-history';
const BUS = 'sg-pairing-runs';

function sinkEnv(emu: RunningEmulator, history = `oss://${BUCKET}/prod/sweeps`): Record<string, string> {
  return {
    SG_PAIRING_HISTORY: history,
    SG_PAIRING_EVENT_BUS: BUS,
    SG_PAIRING_OSS_ENDPOINT: emu.url,
    SG_PAIRING_EVENTBRIDGE_ENDPOINT: emu.url,
    SG_PAIRING_HTTP_AUTH: 'none',
  };
}

async function postReconcile(): Promise<{ statusCode: number; body: string }> {
  const event = encodeFcHttpEvent({
    method: 'POST',
    url: '/reconcile',
    headers: [['content-type', 'application/json']],
    body: Buffer.from('{}'),
    requestId: 'r-history',
  });
  return httpApi(Buffer.from(JSON.stringify(event)), fcContext('sg-pairing-http-api'));
}

describe('run history in OSS and events out', () => {
  it('event, timer (one account denied) and HTTP runs: three objects, latest.json, history, a Run:Failed event, an FC error', async () => {
    // Prepare: the hub's bucket and bus, the functions pointed at them
    const emu = await cloud.start({
      ...(exampleScenario() as object),
      buckets: [{ owner: HUB_ACCOUNT_ID, name: BUCKET }],
      eventBuses: [{ owner: HUB_ACCOUNT_ID, name: BUS }],
    });
    cloud.useFunctionEnv(PAIRINGS_YAML, sinkEnv(emu));
    cloud.captureLogs();

    // Act: 1. an event run; 2. a timer run with account B's role refusing the hub; 3. an HTTP run
    await instanceEvents(eventBuffer('batch'), fcContext('sg-pairing-instance-events'));
    for (const role of emu.emulator.world.accounts.get(ACCOUNT_B_ID)!.roles.values()) role.trust = ['9999999999999999'];
    cloud.useFunctionEnv(PAIRINGS_YAML, sinkEnv(emu)); // a new instance: no cached session of B
    const timer = scheduledReconcile(timerBuffer('every-10-minutes'), fcContext('sg-pairing-scheduled-reconcile'));
    await expect(timer).rejects.toMatchObject({ code: 'RunFailed', retryable: false, pairing: 'app-db' });
    const http = await postReconcile();

    // Assess: three run objects and latest.json (the HTTP run's report, as HTTP answered it)
    const keys = [...emu.emulator.world.sinks.buckets.get(BUCKET)!.objects.keys()].sort();
    expect(keys).toHaveLength(4);
    expect(keys.filter((k) => /^prod\/sweeps\/runs\/\d{4}-\d{2}-\d{2}\/[\w.-]+\.json$/.test(k))).toHaveLength(3);
    expect(keys).toContain('prod/sweeps/latest.json');
    expect(http.statusCode).toBe(207);
    const answered = JSON.parse(http.body);
    expect(answered.delivery).toMatchObject({ event: 'sg-pairing:Run:Failed', warnings: [] });
    const runtime = createRuntime('cn-qingdao', { kind: 'static', credentials: HUB_CREDENTIALS }, sinkEnv(emu));
    const latest = await readLatestRun(runtime.objects(BUCKET), { bucket: BUCKET, prefix: 'prod/sweeps' });
    expect(latest).toMatchObject({ runId: answered.runId, trigger: 'http', counts: answered.counts });

    // the bus received one event per run, the timer's a Run:Failed naming the denied pairing and why
    const received = emu.emulator.world.sinks.busEvents(HUB_ACCOUNT_ID, BUS)!;
    expect(received.map((r) => r.event.Type)).toEqual([
      'sg-pairing:Run:Changed',
      'sg-pairing:Run:Failed',
      'sg-pairing:Run:Failed',
    ]);
    const timerEvent = JSON.parse(String(received[1].event.Data));
    expect(timerEvent).toMatchObject({
      trigger: 'timer',
      counts: { failed: 1 },
      pairings: [{ name: 'app-db', status: 'Failed', reason: 'AccessDenied', retryable: false }],
    });
    expect(JSON.stringify(received)).not.toContain(HUB_CREDENTIALS.accessKeySecret);

    // `sg-pairing history` lists the three, newest first
    cloud.logs.restore();
    cloud.setEnv({ ...cloud.env(sinkEnv(emu)) });
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
    const code = await runHistoryCommand(['--config', `${examples}/pairings.yaml`]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const rows = out.trim().split('\n');
    expect(rows[0]).toMatch(/^TIME +TRIGGER +CHANGED +BLOCKED +FAILED +ADDED +REVOKED +RUN$/);
    expect(rows.slice(1).map((r) => r.split(/ +/)[1])).toEqual(['http', 'timer', 'event']);
    expect(rows[2].split(/ +/).slice(2, 5)).toEqual(['0', '0', '1']);

    // `sg-pairing status --from-history` shows the last run (HTTP's) from latest.json, with no cloud read:
    // the denied account's pairing Failed with its reason
    const callsBefore = emu.emulator.calls.records.length;
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
    const status = await runStatusCommand([
      '--from-history',
      '--config',
      `${examples}/pairings.yaml`,
      '--format',
      'json',
    ]);
    vi.restoreAllMocks();
    expect(status).toBe(1);
    const model = JSON.parse(out) as ComplianceModel;
    expect(model.evaluated).toMatchObject({ by: 'http', runId: answered.runId, at: latest.finishedAt });
    expect(model.pairings.find((p) => p.name === 'app-db')).toMatchObject({ state: 'Failed' });
    expect(model.rows.find((r) => r.pairing === 'app-db' && r.state === 'Failed')?.reason).toBe('AccessDenied');
    // no ECS nor STS call (OSS reads are the only traffic)
    const cloudCalls = emu.emulator.calls.records.slice(callsBefore).map((c) => c.action);
    expect(cloudCalls.filter((a) => a !== 'GetObject')).toEqual([]);
  });
});
