import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/plan';
import { eventBuffer } from '../support/event-fixtures';
import { cli } from '../support/faces';
import { HUB_ACCOUNT_ID, HUB_CREDENTIALS } from '../support/identities';
import { instanceEventsAgainst } from '../support/instance-events';
import { examples, exampleScenario } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// An Alibaba Cloud account's own (root) AccessKey cannot assume roles (STS NoPermission, "Roles may
// not be assumed by root accounts"): every face says so plainly, and what to use instead.

const example = join(examples, 'pairings.yaml');
const cloud = useEmulator();
const { start, invoke, steps } = instanceEventsAgainst(cloud);

type Key = { id: string; secret: string; kind?: 'root' | 'ram-user' };
/** The seed world with the hub's own key turned into its account's root key. */
function hubKeyIsRoot(): unknown {
  const scenario = exampleScenario() as { accounts: { id: string; accessKeys: Key[] }[] };
  const hub = scenario.accounts.find((a) => a.id === HUB_ACCOUNT_ID)!;
  hub.accessKeys = hub.accessKeys.map((k) => (k.id === HUB_CREDENTIALS.accessKeyId ? { ...k, kind: 'root' } : k));
  return scenario;
}

/** What a user must read: the cause, and both ways out. */
function expectPlainWayOut(text: string): void {
  expect(text).toContain('Roles may not be assumed by root accounts');
  expect(text).toContain('(root) AccessKey');
  expect(text).toMatch(/create a RAM user in the hub account, grant it sts:AssumeRole on the member accounts' roles/);
  expect(text).toContain("run sg-pairing in Function Compute, where it acts with the function's role");
}

describe('a root-account AccessKey as the base identity', () => {
  it('the CLI: every pairing fails RootAccessKey (terminal), and the text says a RAM user or role is needed', async () => {
    await cloud.start(hubKeyIsRoot());
    const env = cloud.env();

    const [json, text] = await Promise.all([
      cli(['plan', '--config', example, '--json'], env),
      cli(['plan', '--config', example], env),
    ]);

    expect([json.code, text.code]).toEqual([1, 1]);
    const plan = JSON.parse(json.stdout) as Plan;
    expect(plan.pairings.map((p) => [p.status, p.reason, p.retryable])).toEqual([
      ['Failed', 'RootAccessKey', false],
      ['Failed', 'RootAccessKey', false],
    ]);
    expectPlainWayOut(text.stdout);
    expect(text.stdout).not.toMatch(/will retry|AccessDenied/);
    expect(json.stdout + text.stdout + text.stderr).not.toContain(HUB_CREDENTIALS.accessKeySecret);
  }, 60_000);

  it('the same key as a RAM user (the scenario default) plans normally', async () => {
    await cloud.start(exampleScenario());

    const json = await cli(['plan', '--config', example, '--json'], cloud.env());

    const plan = JSON.parse(json.stdout) as Plan;
    expect(plan.pairings.map((p) => p.reason)).not.toContain('RootAccessKey');
    expect(plan.pairings.map((p) => p.status)).not.toContain('Failed');
  }, 60_000);

  it("the function's log names the cause and the way out; reported, not thrown (a retry cannot fix it)", async () => {
    await start(hubKeyIsRoot(), { converge: false });

    const result = await invoke(eventBuffer('batch'));

    expect(result.report?.pairings).toEqual([
      expect.objectContaining({ name: 'app-db', status: 'Failed', reason: 'RootAccessKey', retryable: false }),
      expect.objectContaining({ name: 'web-pair', status: 'Failed', reason: 'RootAccessKey', retryable: false }),
    ]);
    const logged = steps('pairing');
    expect(logged.map((l) => l.reason)).toEqual(['RootAccessKey', 'RootAccessKey']);
    expectPlainWayOut(String(logged[0].message));
  });
});
