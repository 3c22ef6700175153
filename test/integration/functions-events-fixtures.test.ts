import { describe, expect, it } from 'vitest';
import { eventBuffer, type EventFixture } from '../support/event-fixtures';
import { callCounts, exampleScenario } from '../support/product';
import { instanceEventsAgainst, PAIRINGS_YAML } from '../support/instance-events';
import { useEmulator } from '../support/use-emulator';

// instance-events, the real handler, on every EventBridge fixture: in scope, ignored, or naming nothing.
const cloud = useEmulator();
const { start, invoke, steps } = instanceEventsAgainst(cloud);

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
    ['state-change-running-flat', ['app-db', 'web-pair']],
    ['run-instances-routed', ['app-db']],
    ['batch', ['app-db', 'web-pair']],
  ];

  it.each(inScope)('%s reconciles exactly %j, in one run, writing nothing', async (fixture, pairings) => {
    const emu = await start();
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
    const emu = await start();
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
    const emu = await start();
    const result = await invoke(Buffer.from('<html>502</html>'));
    expect(result).toMatchObject({ status: 'NothingInScope', ignored: [{ reason: 'InvalidJson' }] });
    expect(emu.emulator.calls.records).toEqual([]);
  });

  it('an in-scope event that names no pairing resource makes no API call (a new instance, no pairing sending by address)', async () => {
    const emu = await start(exampleScenario(), {
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
