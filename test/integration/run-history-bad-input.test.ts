// Issue 14 "bad input" for the history and the events out: a missing or foreign bucket, a missing bus,
// throttling, odd characters in the prefix, a corrupt latest.json. Each is a warning in the run's report
// (delivery.warnings); the reconcile itself is as it would be without them.
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../shared/function-host';
import { readLatestRun } from '../../shared/history';
import { silentLogger } from '../../shared/log';
import { reconcile } from '../../shared/reconcile';
import type { RunningEmulator } from '../support/emulator-access';
import { ACCOUNT_A_ID, HUB_ACCOUNT_ID, HUB_CREDENTIALS } from '../support/identities';
import { exampleConfig, exampleScenario, revokeWebPairRuleByHand } from '../support/product';
import { useEmulator } from '../support/use-emulator';

const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });

function applyWith(emu: RunningEmulator, sinks: Record<string, string>) {
  const env = {
    SG_PAIRING_ECS_ENDPOINT: emu.url,
    SG_PAIRING_STS_ENDPOINT: emu.url,
    SG_PAIRING_VPC_ENDPOINT: emu.url,
    SG_PAIRING_OSS_ENDPOINT: emu.url,
    SG_PAIRING_EVENTBRIDGE_ENDPOINT: emu.url,
    ...sinks,
  };
  const runtime = createRuntime('cn-qingdao', { kind: 'static', credentials: HUB_CREDENTIALS }, env);
  return { runtime, run: () => reconcile(exampleConfig(), runtime.reconcileDeps(silentLogger, 'cli')) };
}

const codes = (warnings: { code: string; message: string }[] | undefined) =>
  (warnings ?? []).map(
    (w) =>
      `${w.code}: ${/(NoSuchBucket|AccessDenied|SlowDown|EventBusNotExist|TooManyRequests|character "[^"]*")/.exec(w.message)?.[1] ?? ''}`,
  );

describe('history and events: bad input never fails the run', () => {
  it('missing bucket, foreign bucket, missing bus, odd prefix, an endpoint without scheme: warnings; the run converges all the same', async () => {
    const { world } = cloud;
    world.sinks.createBucket(ACCOUNT_A_ID, 'someone-elses');
    world.sinks.createBus(HUB_ACCOUNT_ID, 'runs');

    const missing = await applyWith(cloud.emulator, {
      SG_PAIRING_HISTORY: 'oss://no-such-bucket/sg',
      SG_PAIRING_EVENT_BUS: 'no-such-bus',
    }).run();
    const foreign = await applyWith(cloud.emulator, { SG_PAIRING_HISTORY: 'oss://someone-elses/sg' }).run();
    const odd = await applyWith(cloud.emulator, {
      SG_PAIRING_HISTORY: 'oss://hub-runs/sg pairing/ü',
      SG_PAIRING_EVENT_BUS: 'runs',
    }).run();

    expect(missing).toMatchObject({ ok: true, counts: { changed: 2, failed: 0 } });
    expect(codes(missing.delivery?.warnings)).toEqual([
      'EventPublishFailed: EventBusNotExist',
      'HistoryWriteFailed: NoSuchBucket',
    ]);
    expect(codes(foreign.delivery?.warnings)).toEqual(['HistoryWriteFailed: AccessDenied']);
    expect(odd).toMatchObject({ ok: true, counts: { inSync: 2 } });
    expect(codes(odd.delivery?.warnings)).toEqual(['HistoryLocationInvalid: character " "']);
    expect(world.sinks.buckets.get('someone-elses')!.objects.size).toBe(0);
    const noScheme = await applyWith(cloud.emulator, {
      SG_PAIRING_HISTORY: 'oss://hub-runs/sg',
      SG_PAIRING_OSS_ENDPOINT: '127.0.0.1:9',
    }).run();
    expect(noScheme.ok).toBe(true);
    expect(noScheme.delivery?.warnings.map((w) => w.code)).toEqual(['EndpointInvalid']);
  });

  it('throttled OSS and EventBridge: warnings naming SlowDown and TooManyRequests; nothing written, nothing failed', async () => {
    const { world, faults } = cloud;
    world.sinks.createBucket(HUB_ACCOUNT_ID, 'hub-runs');
    world.sinks.createBus(HUB_ACCOUNT_ID, 'runs');
    faults.set({ action: 'PutObject', failNext: { count: 1, code: 'Throttling.User' } });
    faults.set({ action: 'PutEvents', failNext: { count: 1, code: 'Throttling.User' } });
    await revokeWebPairRuleByHand(cloud.emulator); // a change to make: the run has an event to publish

    const report = await applyWith(cloud.emulator, {
      SG_PAIRING_HISTORY: 'oss://hub-runs/sg',
      SG_PAIRING_EVENT_BUS: 'runs',
    }).run();

    expect(report.ok).toBe(true);
    expect(codes(report.delivery?.warnings)).toEqual([
      'EventPublishFailed: TooManyRequests',
      'HistoryWriteFailed: SlowDown',
    ]);
    expect(world.sinks.buckets.get('hub-runs')!.objects.size).toBe(0);
  });

  it('a corrupt latest.json: HistoryCorrupt naming the object; the next run overwrites it', async () => {
    const bucket = cloud.world.sinks.createBucket(HUB_ACCOUNT_ID, 'hub-runs');
    cloud.world.sinks.put(
      bucket,
      'sg/latest.json',
      Buffer.from('{"version":1,"runId":'),
      'application/json',
      Date.now(),
    );
    const { runtime, run } = applyWith(cloud.emulator, { SG_PAIRING_HISTORY: 'oss://hub-runs/sg' });
    const location = { bucket: 'hub-runs', prefix: 'sg' };

    await expect(readLatestRun(runtime.objects('hub-runs'), location)).rejects.toMatchObject({
      code: 'HistoryCorrupt',
      message: expect.stringContaining('oss://hub-runs/sg/latest.json is not JSON'),
    });
    const report = await run();
    await expect(readLatestRun(runtime.objects('hub-runs'), location)).resolves.toMatchObject({ runId: report.runId });
  });
});
