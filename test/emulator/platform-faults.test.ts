import * as $Ecs from '@alicloud/ecs20140526';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultSpecError, type RunningEmulator } from '../../emulator';
import { ecsClient } from '../support/clients';
import {
  ACCOUNT_A_ID,
  ACCOUNT_A_CREDENTIALS,
  ACCOUNT_B_CREDENTIALS,
  count,
  describeGroup,
  outcomes,
  startSeeded,
} from '../support/emulator-platform-fixture';

// Faults fire per call from a seeded PRNG: each matching call takes exactly one draw, so the number
// of faults over N calls is fixed by the seed whatever order concurrent calls arrive in.

describe('emulator platform: injected faults', () => {
  let now = Date.now();
  let e: RunningEmulator;
  beforeEach(async () => {
    now = Date.now();
    e = await startSeeded({ clock: () => now });
  });
  afterEach(() => e.close());

  const describeA = () => describeGroup(e.url, ACCOUNT_A_CREDENTIALS);

  it('throttles at the configured rate with x-acs-retry-after, and stops when cleared', async () => {
    e.emulator.faults.set({ throttleRate: 0.3, retryAfterMs: 250, seed: 7 });
    const faulty = await outcomes(200, 16, describeA);
    e.emulator.faults.clear();
    const clean = await outcomes(50, 16, describeA);

    const throttled = faulty.filter((o) => !o.ok);
    expect(throttled.length).toBeGreaterThanOrEqual(40);
    expect(throttled.length).toBeLessThanOrEqual(80);
    expect(new Set(throttled.map((o) => `${o.name} ${o.code} ${o.statusCode} ${o.retryAfter}`))).toEqual(
      new Set(['ThrottlingError Throttling.User 400 250']),
    );
    expect(count(clean, (o) => !o.ok)).toBe(0);
  });

  it('answers 5xx at the configured rate (ServiceUnavailable 503), and stops when cleared', async () => {
    e.emulator.faults.set({ errorRate: 0.2, seed: 3 });
    const faulty = await outcomes(200, 16, describeA);
    e.emulator.faults.clear();
    const clean = await outcomes(50, 16, describeA);
    const failed = faulty.filter((o) => !o.ok);
    expect(count(clean, (o) => !o.ok)).toBe(0);
    expect(failed.length).toBeGreaterThanOrEqual(24);
    expect(failed.length).toBeLessThanOrEqual(56);
    expect(new Set(failed.map((o) => `${o.name} ${o.code} ${o.statusCode}`))).toEqual(
      new Set(['ServerError ServiceUnavailable 503']),
    );
  });

  it('leaves calls unanswered at the timeout rate until the client gives up', async () => {
    e.emulator.faults.set({ timeoutRate: 0.5, seed: 11 });
    const results = await outcomes(24, 24, () => describeGroup(e.url, ACCOUNT_A_CREDENTIALS, 'sg-a1', 200));
    const timedOut = count(results, (o) => o.name === 'RequestTimeoutError');
    expect(timedOut).toBeGreaterThanOrEqual(6);
    expect(timedOut).toBeLessThanOrEqual(18);
    expect(timedOut + count(results, (o) => o.ok)).toBe(24);
    expect(e.emulator.calls.find({ code: 'InjectedTimeout', status: 0 })).toHaveLength(timedOut);
  });

  it('releases hung connections on close()', async () => {
    e.emulator.faults.set({ timeoutRate: 1 });
    const started = Date.now();
    const pending = outcomes(1, 1, () => describeGroup(e.url, ACCOUNT_A_CREDENTIALS, 'sg-a1', 15_000));
    await expect.poll(() => e.emulator.calls.find({ code: 'InjectedTimeout' }).length).toBe(1);
    await e.close();
    const [result] = await pending;
    expect(result.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails exactly the next N calls with the given code', async () => {
    e.emulator.faults.set({ action: 'DescribeSecurityGroupAttribute', failNext: { count: 3, code: 'InternalError' } });
    const results = await outcomes(5, 1, describeA);
    expect(results.map((o) => o.code || 'ok')).toEqual(['InternalError', 'InternalError', 'InternalError', 'ok', 'ok']);
    expect(results[0].statusCode).toBe(500);
  });

  it('limits each account to N calls per second (token bucket) with x-acs-retry-after', async () => {
    e.emulator.faults.set({ rateLimit: { perSecond: 5 } });
    const burst = await outcomes(8, 1, describeA);
    const otherAccount = await outcomes(5, 1, () =>
      describeGroup(e.url, ACCOUNT_B_CREDENTIALS, 'sg-bp15ed6xe1yxeycg0002'),
    );
    now += 1_000;
    const refilled = await outcomes(6, 1, describeA);

    expect(burst.map((o) => o.code || 'ok')).toEqual([...Array(5).fill('ok'), ...Array(3).fill('Throttling.User')]);
    expect(burst[5].retryAfter).toBe(200);
    expect(count(otherAccount, (o) => o.ok)).toBe(5);
    expect(refilled.map((o) => o.code || 'ok')).toEqual([...Array(5).fill('ok'), 'Throttling.User']);
  });

  it('adds the configured latency', async () => {
    e.emulator.faults.set({ latencyMs: 60 });
    const started = performance.now();
    await describeA();
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
    expect(e.emulator.calls.records.at(-1)!.durationMs).toBeGreaterThanOrEqual(59);
  });

  it('scopes a spec to its action and account', async () => {
    e.emulator.faults.set({ action: 'DescribeSecurityGroupAttribute', account: ACCOUNT_A_ID, errorRate: 1 });
    const otherAction = await outcomes(3, 1, () =>
      ecsClient(e.url, ACCOUNT_A_CREDENTIALS).describeSecurityGroups(
        new $Ecs.DescribeSecurityGroupsRequest({ regionId: 'cn-qingdao' }),
      ),
    );
    const otherAccount = await outcomes(3, 1, () =>
      describeGroup(e.url, ACCOUNT_B_CREDENTIALS, 'sg-bp15ed6xe1yxeycg0002'),
    );
    const hit = await outcomes(3, 1, describeA);
    expect([count(otherAction, (o) => o.ok), count(otherAccount, (o) => o.ok), count(hit, (o) => o.ok)]).toEqual([
      3, 3, 0,
    ]);
  });

  it('repeats the same fault sequence for the same seed', async () => {
    const run = async (seed: number) => {
      e.emulator.faults.set({ throttleRate: 0.25, errorRate: 0.25, seed });
      return (await outcomes(40, 1, describeA)).map((o) => o.code || 'ok').join(',');
    };
    const first = await run(42);
    const again = await run(42);
    const other = await run(43);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('hides new rules from Describe for the visibility delay (eventual consistency)', async () => {
    e.emulator.faults.set({ action: 'AuthorizeSecurityGroup', account: ACCOUNT_A_ID, visibilityDelayMs: 5_000 });
    const ecs = ecsClient(e.url, ACCOUNT_A_CREDENTIALS);
    await ecs.authorizeSecurityGroup(
      new $Ecs.AuthorizeSecurityGroupRequest({
        regionId: 'cn-qingdao',
        securityGroupId: 'sg-a1',
        permissions: [
          new $Ecs.AuthorizeSecurityGroupRequestPermissions({
            ipProtocol: 'tcp',
            portRange: '22/22',
            sourceCidrIp: '10.0.0.2',
          }),
        ],
      }),
    );
    const rules = async () => ((await describeA()).body!.permissions!.permission ?? []).map((p) => p.sourceCidrIp);
    const before = await rules();
    now += 5_000;
    const after = await rules();
    expect([before, after]).toEqual([[], ['10.0.0.2']]);
  });

  it('refuses an invalid spec, naming each field at fault', () => {
    let err: unknown;
    try {
      e.emulator.faults.set({ throttleRate: 1.5, failNext: { count: 0, code: 'NoSuchCode' }, bogus: 1 } as never);
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(FaultSpecError);
    expect(new Set((err as FaultSpecError).issues.map((i) => i.path))).toEqual(
      new Set(['bogus', 'failNext.code', 'failNext.count', 'throttleRate']),
    );
  });
});
