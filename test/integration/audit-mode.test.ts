import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { handler as httpApi } from '../../functions/http-api';
import { handler as reconcileWorker } from '../../functions/reconcile-worker';
import { handler as scheduledReconcile } from '../../functions/scheduled-reconcile';
import { encodeFcHttpEvent } from '../../shared/triggers/http';
import { authorize, client, revoke } from '../support/ecs-calls';
import type { RunningEmulator } from '../support/emulator-access';
import { fixtureJson, timerBuffer } from '../support/event-fixtures';
import { cli } from '../support/faces';
import { fcContext } from '../support/function-calls';
import { instanceEventsAgainst } from '../support/instance-events';
import { config, exampleYaml, run, runtimeFor } from '../support/product';
import { ruleLines } from '../support/two-vpcs';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, ACCOUNT_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

// Audit mode: an audit pairing is read, planned and reported (Drift), and no face writes it: no
// Authorize, Revoke, Tag or Untag call reaches its groups; enforce pairings of the same run are written.

const cloud = useEmulator();
const { start, invoke } = instanceEventsAgainst(cloud);

/** The example pairings with web-pair (sg-a1, sg-a2) in audit mode; app-db stays enforce. */
const auditYaml = exampleYaml().replace('  - name: web-pair\n', '  - name: web-pair\n    mode: audit\n');
const WEB_GROUPS = ['sg-a1', 'sg-a2'];
const WRITES = ['AuthorizeSecurityGroup', 'RevokeSecurityGroup', 'TagResources', 'UntagResources'];

/** The write calls that named one of these groups, as `<action> <group>`. */
function writesTo(emu: RunningEmulator, groups: readonly string[]): string[] {
  return emu.emulator.calls.records
    .filter((c) => WRITES.includes(c.action))
    .flatMap((c) => groups.filter((g) => Object.values(c.params).includes(g)).map((g) => `${c.action} ${g}`));
}

/**
 * Converged by an enforce run, then drift by hand: web-pair's rule in sg-a1 revoked, a stale
 * web-pair rule (10.0.0.9/32, this deployment's marker) added to sg-a2, and app-db's rule in b's
 * group revoked. The functions read the audit config; calls and events cleared.
 */
async function drifted(): Promise<RunningEmulator> {
  const emu = await start(undefined, { yaml: auditYaml });
  const a = client(emu, ACCOUNT_CREDENTIALS[ACCOUNT_A_ID]);
  await revoke(a, 'sg-a1', [{ ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.2/32' }]);
  await authorize(a, 'sg-a2', [
    { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.9/32', description: 'sg-pairing:demo:web-pair' },
  ]);
  await revoke(client(emu, ACCOUNT_CREDENTIALS[ACCOUNT_B_ID]), 'sg-bp15ed6xe1yxeycg0002', [
    {
      ipProtocol: 'ALL',
      portRange: '-1/-1',
      sourceGroupId: 'sg-bp1azkttqpldxgte0001',
      sourceGroupOwnerId: ACCOUNT_A_ID,
    },
  ]);
  emu.emulator.calls.clear();
  return emu;
}

const DRIFTED_WEB = {
  'sg-a1': [],
  'sg-a2': ['ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:web-pair', 'ALL -1/-1 10.0.0.9/32 p1 sg-pairing:demo:web-pair'],
};
const webLines = (emu: RunningEmulator) => Object.fromEntries(WEB_GROUPS.map((g) => [g, ruleLines(emu, g)]));
const webDrift = { name: 'web-pair', status: 'Drift', mode: 'audit', counts: { toAdd: 1, toRevoke: 1, added: 0 } };

describe('audit mode', () => {
  it('a mixed run reports the audit pairing Drift and writes only the enforce pairing', async () => {
    const emu = await drifted();

    const report = await run(config(auditYaml), runtimeFor(emu));

    expect(report.ok).toBe(true);
    expect(report.pairings).toMatchObject([{ name: 'app-db', status: 'Changed' }, webDrift]);
    expect(report.counts).toMatchObject({ drift: 1, changed: 1, rulesAdded: 1, rulesRevoked: 0 });
    expect(report.changes.map((c) => [c.groupId, c.pairing, c.action])).toEqual([
      ['sg-bp15ed6xe1yxeycg0002', 'app-db', 'add'],
    ]);
    expect(report.plan.audit?.map((g) => [g.groupId, g.add.length, g.revoke?.length ?? 0])).toEqual([
      ['sg-a1', 1, 0],
      ['sg-a2', 0, 1],
    ]);
    expect(writesTo(emu, WEB_GROUPS)).toEqual([]);
    expect(writesTo(emu, ['sg-bp15ed6xe1yxeycg0002'])).toEqual(['AuthorizeSecurityGroup sg-bp15ed6xe1yxeycg0002']);
    expect(webLines(emu)).toEqual(DRIFTED_WEB);
  });

  it('on a world never written, the audit pairing’s groups get neither a rule nor the record tag', async () => {
    const emu = await start(undefined, { yaml: auditYaml, converge: false });

    const report = await run(config(auditYaml), runtimeFor(emu));

    expect(report.pairings).toMatchObject([
      { name: 'app-db', status: 'Changed' },
      { ...webDrift, counts: { toAdd: 2, toRevoke: 0, added: 0 } },
    ]);
    expect(writesTo(emu, WEB_GROUPS)).toEqual([]);
    expect(writesTo(emu, ['sg-bp1azkttqpldxgte0001'])).toContain('TagResources sg-bp1azkttqpldxgte0001');
    expect(webLines(emu)).toEqual({ 'sg-a1': [], 'sg-a2': [] });
  });

  it('the CLI: plan shows Drift and the audit changes, apply leaves them and exits 0', async () => {
    const emu = await drifted();
    const dir = mkdtempSync(join(tmpdir(), 'sgp-audit-'));
    writeFileSync(join(dir, 'pairings.yaml'), auditYaml);

    const planned = await cli(['plan', '--config', join(dir, 'pairings.yaml')], cloud.env());
    const applied = await cli(['apply', '--config', join(dir, 'pairings.yaml')], cloud.env());

    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('1 drifted (audit: not written)');
    expect(planned.stdout).toMatch(
      /Audit \(what the audit pairings would write; not written\)\naccount 1111111111111111 {2}group sg-a1/,
    );
    expect(planned.stdout).toMatch(/web-pair +Drift \(audit\)/);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/web-pair +Drift {2}\+0 +\(audit: would add 1, revoke 1, not written\)/);
    expect(writesTo(emu, WEB_GROUPS)).toEqual([]);
    expect(webLines(emu)).toEqual(DRIFTED_WEB);
  });

  it('the instance-events function, on the event of the hand revoke: Drift, nothing written', async () => {
    const emu = await drifted();
    const event = emu.emulator.events
      .ofType('ecs:ActionTrail:ApiCall')
      .find((e) => e.data.eventName === 'RevokeSecurityGroup');
    emu.emulator.calls.clear();

    const result = await invoke(Buffer.from(JSON.stringify(event)));

    expect(result).toMatchObject({ status: 'Reconciled', pairings: ['web-pair'], report: { pairings: [webDrift] } });
    expect(writesTo(emu, WEB_GROUPS)).toEqual([]);
    expect(webLines(emu)).toEqual(DRIFTED_WEB);
  });

  it('the timer, in-process, and a reconcile-worker shard: Drift, nothing written in its groups', async () => {
    const emu = await drifted();

    const timer = await scheduledReconcile(
      timerBuffer('every-10-minutes'),
      fcContext('sg-pairing-scheduled-reconcile'),
    );
    const worker = await reconcileWorker(
      Buffer.from(JSON.stringify({ ...fixtureJson('worker', 'one-shard'), pairings: ['web-pair'] })),
      fcContext('sg-pairing-reconcile-worker'),
    );

    expect(timer).toMatchObject({ mode: 'in-process', ok: true, report: { pairings: [{ name: 'app-db' }, webDrift] } });
    expect(worker).toMatchObject({ ok: true, report: { pairings: [webDrift] } });
    expect(writesTo(emu, WEB_GROUPS)).toEqual([]);
    expect(webLines(emu)).toEqual(DRIFTED_WEB);
  });

  it('the HTTP API, POST /reconcile: 200 with Drift and the mode, nothing written in its groups', async () => {
    const emu = await drifted();
    cloud.useFunctionEnv(auditYaml, { SG_PAIRING_HTTP_AUTH: 'none' });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true); // the handler's FC log lines
    const event = encodeFcHttpEvent({
      method: 'POST',
      url: '/reconcile',
      headers: [['content-type', 'application/json']],
      body: Buffer.from('{}'),
      requestId: 'r-audit',
    });

    const answer = await httpApi(Buffer.from(JSON.stringify(event)), fcContext('sg-pairing-http-api'));
    vi.restoreAllMocks();

    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, pairings: [{ name: 'app-db' }, webDrift] });
    expect(writesTo(emu, WEB_GROUPS)).toEqual([]);
    expect(webLines(emu)).toEqual(DRIFTED_WEB);
  });

  it('switched to enforce, the pairing gets exactly the changes its last audit run reported', async () => {
    const emu = await drifted();
    const audited = await run(config(auditYaml), runtimeFor(emu));
    emu.emulator.calls.clear();

    const enforced = await run(config(exampleYaml()), runtimeFor(emu));

    expect(enforced.plan.groups).toEqual(audited.plan.audit);
    expect(enforced.changes.map((c) => [c.groupId, c.pairing, c.action, c.status])).toEqual([
      ['sg-a1', 'web-pair', 'add', 'applied'],
      ['sg-a2', 'web-pair', 'revoke', 'applied'],
    ]);
    expect(writesTo(emu, WEB_GROUPS).sort()).toEqual(['AuthorizeSecurityGroup sg-a1', 'RevokeSecurityGroup sg-a2']);
    expect(webLines(emu)).toEqual({
      'sg-a1': ['ALL -1/-1 10.0.0.2/32 p1 sg-pairing:demo:web-pair'],
      'sg-a2': ['ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:web-pair'],
    });
  });
});
