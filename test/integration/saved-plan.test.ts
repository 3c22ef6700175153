import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as $Ecs from '@alicloud/ecs20140526';
import { describe, expect, it } from 'vitest';
import type { NormalizedConfig } from '../../shared/config';
import { isSgPairingError } from '../../shared/errors';
import { silentLogger } from '../../shared/log';
import { computeSavedPlan } from '../../shared/plan';
import { applySavedPlan, planReconcile } from '../../shared/reconcile';
import { authorize, client, rt } from '../support/ecs-calls';
import { cli } from '../support/faces';
import { ACCOUNT_A_ID, ACCOUNT_CREDENTIALS } from '../support/identities';
import {
  callCounts,
  config,
  examples,
  exampleConfig,
  exampleScenario,
  exampleYaml,
  run,
  runtimeFor,
} from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Saved plans through the real SDKs: `plan --out` then `apply FILE` applies exactly the plan saved, and
// refuses (StalePlan, before any write) once a group it writes to or a member it used moved; a damaged
// file, or one from another config, is refused (SavedPlanInvalid) before any call to the cloud.

const cloud = useEmulator({ scenario: exampleScenario() });
const retry = { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50 };

/** The example config planned against the emulator and saved, as `plan --out` saves it. */
async function savePlan(cfg: NormalizedConfig = exampleConfig()): Promise<string> {
  const planned = await planReconcile(cfg, runtimeFor(cloud.emulator).reconcileDeps(silentLogger), { retry });
  return JSON.stringify(computeSavedPlan(cfg, planned.plan, planned.actual), null, 2);
}

const applySaved = (text: string, cfg: NormalizedConfig = exampleConfig()) =>
  applySavedPlan(cfg, text, runtimeFor(cloud.emulator).reconcileDeps(silentLogger), { retry });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (isSgPairingError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('not refused');
}

const writes = () => {
  const counts = callCounts(cloud.emulator);
  return (counts.AuthorizeSecurityGroup ?? 0) + (counts.RevokeSecurityGroup ?? 0);
};

describe('apply FILE: a saved plan', () => {
  it('unchanged: applies exactly the writes it lists, reading again only the groups it writes to', async () => {
    const text = await savePlan();
    const saved = JSON.parse(text) as { plan: { groups: { groupId: string; add: unknown[] }[] } };
    const written = saved.plan.groups.filter((g) => g.add.length > 0).map((g) => g.groupId);
    cloud.calls.clear();

    const report = await applySaved(text);

    expect(report.ok).toBe(true);
    expect(report.plan).toEqual(JSON.parse(text).plan);
    expect(report.changes.map((c) => [c.groupId, c.action, c.status]).sort()).toEqual(
      saved.plan.groups.flatMap((g) => g.add.map(() => [g.groupId, 'add', 'applied'])).sort(),
    );
    expect(callCounts(cloud.emulator).RevokeSecurityGroup ?? 0).toBe(0);
    expect(callCounts(cloud.emulator).DescribeSecurityGroupAttribute).toBe(written.length);
    // and the cloud is now as a fresh plan wants it
    expect((await run(exampleConfig(), runtimeFor(cloud.emulator), { dryRun: true })).plan.counts.rulesToAdd).toBe(0);
  });

  it('a rule added by hand to one of its groups: StalePlan naming the group and account, nothing written', async () => {
    const text = await savePlan();
    await authorize(client(cloud.emulator, ACCOUNT_CREDENTIALS[ACCOUNT_A_ID]), 'sg-a1', [
      { ipProtocol: 'TCP', portRange: '443/443', sourceCidrIp: '192.168.9.9', description: 'by hand' },
    ]);
    cloud.calls.clear();

    const refused = await refusal(applySaved(text));

    expect(refused.code).toBe('StalePlan');
    expect(refused.message).toContain(`group sg-a1 in account a (${ACCOUNT_A_ID})`);
    expect(writes()).toBe(0);
  });

  it('an instance its side resolved through was stopped: StalePlan naming the instance, nothing written', async () => {
    const text = await savePlan();
    const ecs = client(cloud.emulator, ACCOUNT_CREDENTIALS[ACCOUNT_A_ID]);
    await ecs.stopInstanceWithOptions(new $Ecs.StopInstanceRequest({ instanceId: 'i-a2' }), rt);
    cloud.calls.clear();

    const refused = await refusal(applySaved(text));

    expect(refused.code).toBe('StalePlan');
    expect(refused.message).toContain('instance i-a2');
    expect(writes()).toBe(0);
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, 200), /not JSON/],
    ['edited by hand', (t: string) => t.replace(/"priority": 1/, '"priority": 2'), /changed after it was saved/],
    ['of another version', (t: string) => t.replace('"version": 1,', '"version": 9,'), /version 9/],
  ])('%s: SavedPlanInvalid before any call to the cloud', async (_, damage, reason) => {
    const text = await savePlan();
    cloud.calls.clear();

    const refused = await refusal(applySaved(damage(text)));

    expect(refused).toMatchObject({ code: 'SavedPlanInvalid', message: expect.stringMatching(reason) });
    expect(cloud.calls.records).toEqual([]);
  });

  it('from another config: SavedPlanInvalid before any call to the cloud', async () => {
    const text = await savePlan();
    cloud.calls.clear();
    const other = config(exampleYaml().replace('protocol: all', 'protocol: tcp\n    ports: 5432/5432'));

    const refused = await refusal(applySaved(text, other));

    expect(refused).toMatchObject({ code: 'SavedPlanInvalid', message: expect.stringMatching(/another config/) });
    expect(cloud.calls.records).toEqual([]);
  });
});

describe('the CLI: plan --out, then apply FILE', () => {
  it('review then apply: exit 0 and converged; saved again and moved: exit 1, StalePlan on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-saved-'));
    const file = join(dir, 'plan.json');
    const configFile = join(examples, 'pairings.yaml');

    const planned = await cli(['plan', '--config', configFile, '--out', file], cloud.env());
    expect(planned.code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toMatch(new RegExp(cloud.env().ALIBABA_CLOUD_ACCESS_KEY_SECRET));
    const applied = await cli(['apply', file, '--config', configFile], cloud.env());
    expect(applied.code).toBe(0);
    expect(writes()).toBeGreaterThan(0);

    await authorize(client(cloud.emulator, ACCOUNT_CREDENTIALS[ACCOUNT_A_ID]), 'sg-a1', [
      { ipProtocol: 'TCP', portRange: '443/443', sourceCidrIp: '192.168.9.9', description: 'by hand' },
    ]);
    writeFileSync(file, readFileSync(file, 'utf8')); // the same, already applied file: its basis moved
    cloud.calls.clear();
    const stale = await cli(['apply', file, '--config', configFile], cloud.env());
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/StalePlan: .*sg-a1/);
    expect(writes()).toBe(0);
  });
});
