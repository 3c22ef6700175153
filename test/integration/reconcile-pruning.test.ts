import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as httpApi } from '../../functions/http-api';
import { encodeFcHttpEvent } from '../../shared/triggers/http';
import { authorize, client } from '../support/ecs-calls';
import type { RunningEmulator } from '../support/emulator-access';
import { cli } from '../support/faces';
import { fcContext } from '../support/function-calls';
import { callCounts, config, exampleScenario, exampleYaml, oneAccountYaml, run, runtimeFor } from '../support/product';
import { launch, ruleLines, twoVpcScenario, TWO_VPC_YAML } from '../support/two-vpcs';
import { ACCOUNT_A_ID, ACCOUNT_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

// Ownership: only rules carrying this deployment's exact marker are ever revoked; prune off only
// reports; maxChangesPerRunTotal refuses a run's additions before any write; the rule quota names its way out.

const cloud = useEmulator();
afterEach(() => vi.restoreAllMocks());

const yaml = oneAccountYaml;
const webPair = `  - name: web-pair
    between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }]
`;
const webSsh = `  - name: web-ssh
    between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }]
    protocol: tcp
    ports: 22/22
`;

/** The example world with web-pair and web-ssh applied, and two foreign rules beside web-ssh's in sg-a1. */
async function withSshApplied(): Promise<RunningEmulator> {
  const started = await cloud.start(exampleScenario());
  const first = await run(config(yaml(webPair + webSsh)), runtimeFor(started));
  expect(first.counts).toMatchObject({ rulesAdded: 4, rulesRevoked: 0 });
  await authorize(client(started, ACCOUNT_CREDENTIALS[ACCOUNT_A_ID]), 'sg-a1', [
    { ipProtocol: 'TCP', portRange: '22/22', sourceCidrIp: '10.0.0.2', description: 'by hand' },
    {
      ipProtocol: 'TCP',
      portRange: '22/22',
      sourceCidrIp: '10.0.0.2/32',
      priority: '2',
      description: 'sg-pairing:other:web-ssh',
    },
  ]);
  started.emulator.calls.clear();
  return started;
}

const foreign = ['TCP 22/22 10.0.0.2 p1 by hand', 'TCP 22/22 10.0.0.2/32 p2 sg-pairing:other:web-ssh'];

describe('pruning owned rules', () => {
  it("a removed pairing's rules are revoked from the groups the config still reads; foreign rules stay, whatever they allow", async () => {
    const e = await withSshApplied();

    const report = await run(config(yaml(webPair)), runtimeFor(e));

    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({ rulesAdded: 0, rulesRevoked: 2 });
    expect(report.changes.map((c) => [c.groupId, c.pairing, c.action, c.status])).toEqual([
      ['sg-a1', 'web-ssh', 'revoke', 'applied'],
      ['sg-a2', 'web-ssh', 'revoke', 'applied'],
    ]);
    expect(report.plan.groups.map((g) => (g.revoke ?? []).map((r) => [g.groupId, r.pairing, r.reason]))).toEqual([
      [['sg-a1', 'web-ssh', 'PairingRemoved']],
      [['sg-a2', 'web-ssh', 'PairingRemoved']],
    ]);
    expect(ruleLines(e, 'sg-a1')).toEqual(['ALL -1/-1 10.0.0.2/32 p1 sg-pairing:demo:web-pair', ...foreign]);
    expect(ruleLines(e, 'sg-a2')).toEqual(['ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:web-pair']);
    expect(callCounts(e).RevokeSecurityGroup).toBe(2);
    // and then converged
    expect((await run(config(yaml(webPair)), runtimeFor(e))).plan.counts).toMatchObject({
      rulesToAdd: 0,
      rulesToRevoke: 0,
    });
  });

  it('changed ports: the old rule is revoked and the new one added, in one run', async () => {
    const e = await withSshApplied();

    const report = await run(config(yaml(webPair + webSsh.replace('22/22', '2222/2222'))), runtimeFor(e));

    expect(report.pairings.find((p) => p.name === 'web-ssh')).toMatchObject({
      status: 'Changed',
      counts: { toAdd: 2, added: 2, toRevoke: 2, revoked: 2 },
    });
    expect(report.plan.groups[0]?.revoke?.map((r) => r.reason)).toEqual(['NoLongerDesired']);
    expect(ruleLines(e, 'sg-a1')).toEqual([
      'ALL -1/-1 10.0.0.2/32 p1 sg-pairing:demo:web-pair',
      ...foreign,
      'TCP 2222/2222 10.0.0.2/32 p1 sg-pairing:demo:web-ssh',
    ]);
  });

  it('prune: off only reports what it would revoke (wouldRevoke), and writes nothing', async () => {
    const e = await withSshApplied();

    const report = await run(config(yaml(webPair, 'prune: off\n')), runtimeFor(e));

    expect(report.ok).toBe(true);
    expect(report.pairings.map((p) => [p.name, p.status])).toEqual([['web-pair', 'InSync']]);
    expect(report.plan.counts).toMatchObject({ rulesToRevoke: 0, rulesWouldRevoke: 2, groupsToChange: 0 });
    expect(
      report.plan.groups.map((g) => [g.groupId, g.revoke, g.wouldRevoke?.map((r) => [r.pairing, r.reason])]),
    ).toEqual([
      ['sg-a1', undefined, [['web-ssh', 'PairingRemoved']]],
      ['sg-a2', undefined, [['web-ssh', 'PairingRemoved']]],
    ]);
    expect(callCounts(e).RevokeSecurityGroup).toBeUndefined();
    expect(ruleLines(e, 'sg-a1')).toHaveLength(4);
  });
});

describe('maxChangesPerRunTotal', () => {
  const limited = (text: string) => text.replace('pairings:\n', 'maxChangesPerRunTotal: 3\npairings:\n');
  const exampleText = exampleYaml();

  it('refuses the additions of a run of 4 changes over a ceiling of 3 before any write: report, CLI exit 1, HTTP 207', async () => {
    const e = await cloud.start(exampleScenario());

    const report = await run(config(limited(exampleText)), runtimeFor(e));

    expect(report.ok).toBe(false);
    expect(report.plan.refused).toBeUndefined();
    expect(report.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([
      ['app-db', 'Blocked', 'MaxChangesPerRunTotalExceeded'],
      ['web-pair', 'Blocked', 'MaxChangesPerRunTotalExceeded'],
    ]);
    expect(report.pairings[0]?.message).toContain('add 4 and revoke 0');
    expect(report.changes).toEqual([]);

    // the CLI (a subprocess): exit 1, the reason printed
    const dir = mkdtempSync(join(tmpdir(), 'sgp-max-'));
    writeFileSync(join(dir, 'pairings.yaml'), limited(exampleText));
    const applied = await cli(['apply', '--config', join(dir, 'pairings.yaml')], cloud.env());
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('Blocked  +0 MaxChangesPerRunTotalExceeded');

    // the HTTP API: 207 with the report
    cloud.useFunctionEnv(limited(exampleText), { SG_PAIRING_HTTP_AUTH: 'none' });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true); // the handler's FC log lines
    const event = encodeFcHttpEvent({
      method: 'POST',
      url: '/reconcile',
      headers: [['content-type', 'application/json']],
      body: Buffer.from('{}'),
      requestId: 'r-max',
    });
    const answer = await httpApi(Buffer.from(JSON.stringify(event)), fcContext('sg-pairing-http-api'));
    expect(answer.statusCode).toBe(207);
    expect(JSON.parse(answer.body)).toMatchObject({
      ok: false,
      pairings: [{ reason: 'MaxChangesPerRunTotalExceeded' }, { reason: 'MaxChangesPerRunTotalExceeded' }],
    });

    expect(callCounts(e).AuthorizeSecurityGroup).toBeUndefined();
    expect(callCounts(e).RevokeSecurityGroup).toBeUndefined();
  });
});

describe('quotas in the plan', () => {
  it('refuses address rules past 200 rules in a group, naming the way out; strategy cidr fits', async () => {
    const near = Array.from({ length: 198 }, (_, n) => ({
      ipProtocol: 'TCP',
      portRange: '22/22',
      sourceCidrIp: `192.168.${Math.floor(n / 250)}.${n % 250}`,
      description: 'by hand',
    }));
    const e = await cloud.start(twoVpcScenario({ rulesIn: { 'sg-db': near } }));
    await launch(e, ACCOUNT_A_ID, 'sg-web', 2); // sg-web now has 3 members: 3 rules would not fit in sg-db

    const blocked = await run(config(TWO_VPC_YAML), runtimeFor(e));

    expect(blocked.pairings.find((p) => p.name === 'web-db')).toMatchObject({
      status: 'Blocked',
      reason: 'RuleLimitExceeded',
      message: expect.stringMatching(
        /over the limit of 200 rules per group; use strategy cidr \(one rule per VPC or vSwitch range\), or put both sides in one VPC/,
      ),
    });
    expect(callCounts(e).AuthorizeSecurityGroup).toBeUndefined();

    const ranges = TWO_VPC_YAML.replace(
      '    between: [{ account: a, securityGroup: sg-web }, { account: b, securityGroup: sg-db }]\n',
      '    strategy: cidr\n    between: [{ account: a, securityGroup: sg-web, cidrs: [10.0.0.0/16] }, { account: b, securityGroup: sg-db, cidrs: [10.1.0.0/16] }]\n',
    );
    const fits = await run(config(ranges), runtimeFor(e));

    expect(fits.pairings.find((p) => p.name === 'web-db')).toMatchObject({ status: 'Changed', counts: { added: 2 } });
    expect(fits.plan.pairings.find((p) => p.name === 'web-db')?.strategy).toEqual({
      chosen: 'cidr',
      reason: 'Configured',
    });
    expect(ruleLines(e, 'sg-db').filter((l) => l.includes('sg-pairing'))).toEqual([
      'TCP 5432/5432 10.0.0.0/16 p1 sg-pairing:demo:web-db',
    ]);
    expect(ruleLines(e, 'sg-web')).toEqual(['TCP 5432/5432 10.1.0.0/16 p1 sg-pairing:demo:web-db']);
  });
});
