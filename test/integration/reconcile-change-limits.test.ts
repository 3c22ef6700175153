import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/log';
import { cli } from '../support/faces';
import { callCounts, config, run, runtimeFor } from '../support/product';
import { launch, ruleLines, twoVpcScenario, TWO_VPC_YAML } from '../support/two-vpcs';
import { ACCOUNT_A_ID } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

// Issue 18.3: launching more tagged members than the limit in one account refuses only that
// pairing's additions; the other pairing's additions and revocations are applied, and the refusal
// is reported (run report, plan output, log line with its reason). maxMembers refuses with the
// count; the run-wide ceiling still stops a run.

const cloud = useEmulator();

const webDb = (ip: string) => `TCP 5432/5432 ${ip} p1 sg-pairing:demo:web-db`;
/** a web-db rule for an address that left sg-web: stale, to revoke */
const stale = {
  ipProtocol: 'TCP',
  portRange: '5432/5432',
  sourceCidrIp: '10.0.0.99/32',
  description: 'sg-pairing:demo:web-db',
};
const top = (lines: string) => TWO_VPC_YAML.replace('pairings:\n', `${lines}\npairings:\n`);

async function flooded(members: number) {
  const e = await cloud.start(twoVpcScenario({ rulesIn: { 'sg-db': [stale] } }));
  await launch(e, ACCOUNT_A_ID, 'sg-web2', members, { role: 'cache' });
  e.emulator.calls.clear();
  return e;
}

describe('a flood of members in one account', () => {
  it('refuses only the flooded pairing; the other pairing and the revocations are applied; reported and logged', async () => {
    const e = await flooded(5);
    const lines: string[] = [];
    const text = top('maxChangesPerRun: 3');

    const report = await run(
      config(text),
      runtimeFor(e),
      {},
      createLogger((l) => lines.push(l)),
    );

    expect(report.plan.refused).toBeUndefined();
    expect(report.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([
      ['cache', 'Blocked', 'MaxChangesExceeded'],
      ['web-db', 'Changed', undefined],
    ]);
    expect(report.pairings[0]?.message).toContain('would add 5 rules, over maxChangesPerRun 3 (per pairing)');
    expect(report.counts).toMatchObject({ rulesAdded: 2, rulesRevoked: 1 }); // web-db both ways
    expect(ruleLines(e, 'sg-db')).toEqual([webDb('10.0.0.10/32')]);
    const held = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['result'] === 'held');
    expect(held).toEqual([expect.objectContaining({ level: 'warn', pairing: 'cache', reason: 'MaxChangesExceeded' })]);

    // the plan output names it too (the CLI, a subprocess)
    const dir = mkdtempSync(join(tmpdir(), 'sgp-flood-'));
    writeFileSync(join(dir, 'pairings.yaml'), text);
    await launch(e, ACCOUNT_A_ID, 'sg-web2', 1, { role: 'cache' });
    const planned = await cli(['plan', '--config', join(dir, 'pairings.yaml')], cloud.env());
    expect(planned.stdout).toMatch(/cache\s+Blocked\s+MaxChangesExceeded: pairing cache would add 6 rules/);
  });

  it('maxMembers refuses the side’s pairing with the count; the other pairing goes on', async () => {
    const e = await flooded(3);
    const text = TWO_VPC_YAML.replace(
      '{ account: a, tags: { role: cache } }',
      '{ account: a, tags: { role: cache }, maxMembers: 2 }',
    );

    const report = await run(config(text), runtimeFor(e));

    expect(report.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([
      ['cache', 'Blocked', 'MaxMembersExceeded'],
      ['web-db', 'Changed', undefined],
    ]);
    expect(report.pairings[0]?.message).toContain('has 3 members, over its maxMembers 2');
    expect(ruleLines(e, 'sg-db')).toEqual([webDb('10.0.0.10/32')]);
  });

  it('the run-wide ceiling still stops a run whose revocations alone exceed it: nothing is written', async () => {
    const e = await flooded(5);

    const report = await run(config(top('maxChangesPerRunTotal: 0')), runtimeFor(e));

    expect(report.ok).toBe(false);
    expect(report.plan.refused).toMatchObject({ reason: 'MaxChangesPerRunTotalExceeded', limit: 0 });
    expect(callCounts(e).AuthorizeSecurityGroup).toBeUndefined();
    expect(callCounts(e).RevokeSecurityGroup).toBeUndefined();
  });

  it('past the run-wide ceiling every addition is refused, and the revocations are still applied', async () => {
    const e = await flooded(5);

    const report = await run(config(top('maxChangesPerRunTotal: 3')), runtimeFor(e));

    expect(report.plan.refused).toBeUndefined();
    expect(report.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([
      ['cache', 'Blocked', 'MaxChangesPerRunTotalExceeded'],
      ['web-db', 'Blocked', 'MaxChangesPerRunTotalExceeded'],
    ]);
    expect(report.counts).toMatchObject({ rulesAdded: 0, rulesRevoked: 1 });
    expect(ruleLines(e, 'sg-db')).toEqual([]);
  });
});
