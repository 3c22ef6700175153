import { describe, expect, it } from 'vitest';
import { handler as instanceEvents } from '../../functions/instance-events';
import { eventBuffer } from '../support/event-fixtures';
import { fcContext } from '../support/function-calls';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';
import { exampleScenario } from '../support/product';
import { instanceEventsAgainst, PAIRINGS_YAML } from '../support/instance-events';
import { useEmulator } from '../support/use-emulator';

// instance-events when things go wrong (throttled, denied, invalid config), and the log lines it writes.
const cloud = useEmulator();
const { start, invoke, steps } = instanceEventsAgainst(cloud);

describe('instance-events: failures', () => {
  it('a throttled account: the reconcile fails retryably and the handler throws (EventBridge retries)', async () => {
    // no time to wait throttling out in this invocation (as when the function's timeout is near)
    const emu = await start(exampleScenario(), { env: { SG_PAIRING_THROTTLE_WAIT_MS: '0' } });
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
    const emu = await start(exampleScenario(), {
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
    const emu = await start(exampleScenario(), { converge: false });
    const context = fcContext('sg-pairing-instance-events', { requestId: 'req-logs' });

    await instanceEvents(eventBuffer('revoke-security-group'), context);

    const lines = cloud.logs.lines();
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
    const raw = cloud.logs.raw();
    const secrets = [
      context.credentials!.accessKeySecret!,
      ...[...emu.emulator.world.sessions.values()].flatMap((s) => [s.secret, s.token]),
    ];
    for (const secret of secrets) expect(raw).not.toContain(secret);
  });
});
