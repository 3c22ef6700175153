import { describe, expect, it } from 'vitest';
import { explainPairing, readExplainState } from '../../shared/explain';
import { silentLogger } from '../../shared/log';
import { selectPairings } from '../../shared/plan';
import { verifyPairing } from '../../shared/verify';
import type { RunningEmulator } from '../support/emulator-access';
import { ACCOUNT_A_ID } from '../support/identities';
import { config, exampleScenario, run, runtimeFor, webPairVerifyYaml } from '../support/product';
import { useEmulator } from '../support/use-emulator';

type CallRecord = RunningEmulator['emulator']['calls']['records'][number];

const cloud = useEmulator({ scenario: exampleScenario() });
const retry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
/** a token bucket of one call, refilled in 100 ms: concurrent reads of account a are refused with x-acs-retry-after */
const RATE_LIMIT = { action: '*', account: ACCOUNT_A_ID, rateLimit: { perSecond: 10, burst: 1 } };
const cfg = config(webPairVerifyYaml());
const pairing = selectPairings(cfg, ['web-pair'])[0];

const sameCall = (a: CallRecord, b: CallRecord) =>
  a.action === b.action && JSON.stringify(a.params) === JSON.stringify(b.params);

/** Each throttled call, and whether the same call later succeeded: waited out, not given up on. */
function throttledThenAnswered(records: readonly CallRecord[]): { action: string; answered: boolean }[] {
  return records.flatMap((r, i) =>
    r.code === 'Throttling.User'
      ? [{ action: r.action, answered: records.slice(i + 1).some((later) => later.code === '' && sameCall(later, r)) }]
      : [],
  );
}

describe('explain and verify read through the pacer, as reconcile does', () => {
  it('explain: throttled reads of an account are waited out and the diagnosis is the unthrottled one', async () => {
    // Prepare
    const runtime = runtimeFor(cloud.emulator);
    const calm = explainPairing(cfg, pairing, await readExplainState(pairing, { ...runtime.cloudAccess(cfg), retry }));
    cloud.faults.set(RATE_LIMIT);
    const since = cloud.calls.records.length;

    // Act
    const state = await readExplainState(pairing, { ...runtimeFor(cloud.emulator).cloudAccess(cfg), retry });

    // Assess
    const records = cloud.calls.records.slice(since);
    const throttled = throttledThenAnswered(records);
    expect(state.accountFailures).toEqual([]);
    expect(explainPairing(cfg, pairing, state)).toEqual(calm);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.filter((t) => !t.answered)).toEqual([]);
  });

  it('verify: its read and its Cloud Assistant calls are paced, and the probes still run', async () => {
    // Prepare: converged, so both directions answer
    const runtime = runtimeFor(cloud.emulator);
    await run(cfg, runtime);
    cloud.faults.set(RATE_LIMIT);
    const since = cloud.calls.records.length;

    // Act
    const report = await verifyPairing(
      cfg,
      'web-pair',
      { ...runtime.cloudAccess(cfg, retry), log: silentLogger },
      { pollIntervalMs: 10, maxWaitMs: 5000, retry },
    );

    // Assess
    const records = cloud.calls.records.slice(since);
    const throttled = throttledThenAnswered(records);
    expect(report.directions.map((d) => d.status)).toEqual(['Reachable', 'Reachable']);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.filter((t) => !t.answered)).toEqual([]);
  });
});
