import { describe, expect, it } from 'vitest';
import {
  complianceExitCode,
  computeCompliance,
  formatComplianceCsv,
  formatComplianceTable,
  type ComplianceModel,
} from '../../shared/compliance';
import { renderGraphDot, renderGraphMermaid, renderGraphSvg, stateColours } from '../../shared/compliance-graph';
import { planPairings } from '../../shared/plan';
import { buildReport } from '../../shared/reconcile';
import {
  accountA,
  accountB,
  config,
  group,
  groupSide,
  instanceSide,
  pairing,
  rule,
  state,
  withRules,
} from './builders';

/** Four pairings: one in sync, one missing rules, one blocked, one across an account that could not be read. */
function world() {
  const cfg = config([
    pairing({ name: 'app-db', sides: [groupSide(accountA, 'sg1'), groupSide(accountA, 'sg2')] }),
    pairing({ name: 'blocked', sides: [instanceSide(accountA, 'i-gone'), groupSide(accountA, 'sg2')] }),
    pairing({ name: 'cross', sides: [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg-b')] }),
    pairing({
      name: 'one-way',
      direction: 'first-to-second',
      sides: [groupSide(accountA, 'sg3'), groupSide(accountA, 'sg4')],
    }),
  ]);
  const present = rule({
    accountId: accountA,
    groupId: 'sg4',
    peer: { kind: 'group', groupId: 'sg3', ownerId: accountA },
  });
  const actual = state({
    groups: [
      group(accountA, 'sg1', { ruleCount: 150, referencedGroupCount: 3 }),
      group(accountA, 'sg2'),
      group(accountA, 'sg3'),
      withRules(group(accountA, 'sg4'), [present]),
    ],
    accountFailures: [{ accountId: accountB, code: 'AssumeRoleDenied', message: 'not allowed', retryable: false }],
  });
  return { cfg, plan: planPairings(cfg, actual) };
}

const at = '2026-12-04T22:00:00.000Z';

function model(): ComplianceModel {
  const { cfg, plan } = world();
  return computeCompliance({ config: cfg, report: buildReport('run-1', 'plan', plan, []), at, by: 'cli' });
}

describe('computeCompliance: one row per pairing × receiving side × group', () => {
  it('says InSync, Missing, Blocked, Failed and NotEvaluated with the reason, and the room left per group', () => {
    const m = model();

    expect(m.rows.map((r) => [r.pairing, r.side, r.groupId, r.state, r.reason ?? '', r.rulesToAdd])).toEqual([
      ['app-db', 1, 'sg1', 'Missing', 'RulesMissing', 1],
      ['app-db', 2, 'sg2', 'Missing', 'RulesMissing', 1],
      ['blocked', 1, undefined, 'Blocked', 'InstanceNotFound', 0],
      ['blocked', 2, 'sg2', 'Blocked', 'InstanceNotFound', 0],
      ['cross', 1, 'sg1', 'NotEvaluated', 'OtherAccountFailed', 0],
      ['cross', 2, 'sg-b', 'Failed', 'AssumeRoleDenied', 0],
      ['one-way', 2, 'sg4', 'InSync', '', 0],
    ]);
    expect(m.rows[5]).toMatchObject({ account: 'b', accountId: accountB, sideLabel: 'group sg-b' });
    expect(m.pairings.map((p) => [p.name, p.state])).toEqual([
      ['app-db', 'Missing'],
      ['blocked', 'Blocked'],
      ['cross', 'Failed'],
      ['one-way', 'InSync'],
    ]);
    expect(m.groups.find((g) => g.groupId === 'sg1')).toEqual({
      accountId: accountA,
      account: 'a',
      groupId: 'sg1',
      rules: 150,
      rulesLimit: 200,
      rulesLeft: 50,
      references: 3,
      referencesLimit: 20,
      referencesLeft: 17,
    });
    expect(m.evaluated).toEqual({ at, by: 'cli', runId: 'run-1', mode: 'plan' });
    expect(m.summary.states).toEqual({ InSync: 1, Missing: 2, ExtraOwned: 0, Blocked: 2, Failed: 1, NotEvaluated: 1 });
    expect(complianceExitCode(m)).toBe(1);
  });

  it('gives the same model from a stored report (JSON) as from the dry run that made it', () => {
    const { cfg, plan } = world();
    const report = buildReport('run-1', 'plan', plan, []);
    const stored = JSON.parse(JSON.stringify(report)) as typeof report;

    expect(computeCompliance({ config: cfg, report: stored, at: new Date(at), by: 'timer' })).toEqual({
      ...model(),
      evaluated: { at, by: 'timer', runId: 'run-1', mode: 'plan' },
    });
  });

  it('after an apply, the rules written are in sync; a pairing outside the selection is NotEvaluated', () => {
    const { cfg } = world();
    const { plan } = world();
    const applied = computeCompliance({ config: cfg, report: buildReport('run-2', 'apply', plan, []), at, by: 'http' });
    expect(applied.rows.filter((r) => r.pairing === 'app-db').map((r) => r.state)).toEqual(['InSync', 'InSync']);
    const [sg2Add] = plan.groups.find((g) => g.groupId === 'sg2')!.add;
    const partly = computeCompliance({
      config: cfg,
      report: buildReport('run-2', 'apply', plan, [
        {
          accountId: accountA,
          groupId: 'sg2',
          pairing: 'app-db',
          action: 'add',
          rule: sg2Add.rule,
          status: 'failed',
          code: 'Throttling',
          message: 'slow down',
          retryable: true,
        },
      ]),
      at,
      by: 'event',
    });
    expect(partly.rows.filter((r) => r.pairing === 'app-db').map((r) => [r.groupId, r.state, r.reason])).toEqual([
      ['sg1', 'InSync', undefined],
      ['sg2', 'Failed', 'Throttling'],
    ]);

    const onlyOne = planPairings(cfg, state({ groups: [group(accountA, 'sg3'), group(accountA, 'sg4')] }), {
      pairings: ['one-way'],
    });
    const selected = computeCompliance({ config: cfg, report: buildReport('r', 'plan', onlyOne, []), at, by: 'event' });
    expect(selected.pairings.map((p) => p.state)).toEqual(['NotEvaluated', 'NotEvaluated', 'NotEvaluated', 'Missing']);
    expect(complianceExitCode(selected)).toBe(2);
  });
});

describe('computeCompliance: owned rules and change limits', () => {
  it('ExtraOwned for owned rules no longer desired (a removed pairing gets its own rows); Blocked by maxChangesPerRun', () => {
    const owned = (groupId: string, peer: string, pairingName: string) =>
      rule({
        accountId: accountA,
        groupId,
        peer: { kind: 'group', groupId: peer, ownerId: accountA },
        protocol: 'tcp',
        ports: '22/22',
        description: `sg-pairing:prod:${pairingName}`,
      });
    const cfg = config(
      [
        pairing({ name: 'app-db', sides: [groupSide(accountA, 'sg1'), groupSide(accountA, 'sg2')] }),
        pairing({ name: 'big', sides: [groupSide(accountA, 'sg3'), groupSide(accountA, 'sg4')] }),
      ],
      'prod',
      { maxChangesPerRun: 1 },
    );
    const present = (groupId: string, peer: string) =>
      rule({ accountId: accountA, groupId, peer: { kind: 'group', groupId: peer, ownerId: accountA } });
    const actual = state({
      groups: [
        withRules(group(accountA, 'sg1'), [present('sg1', 'sg2'), owned('sg1', 'sg2', 'old-pair')]),
        withRules(group(accountA, 'sg2'), [present('sg2', 'sg1'), owned('sg2', 'sg1', 'app-db')]),
        group(accountA, 'sg3'),
        group(accountA, 'sg4'),
      ],
    });
    const report = buildReport('run-3', 'plan', planPairings(cfg, actual), []);

    const m = computeCompliance({ config: cfg, report, at, by: 'timer' });

    expect(m.rows.map((r) => [r.pairing, r.sideLabel, r.groupId, r.state, r.reason, r.rulesToRevoke])).toEqual([
      ['app-db', 'group sg1', 'sg1', 'InSync', undefined, 0],
      ['app-db', 'group sg2', 'sg2', 'ExtraOwned', 'NoLongerDesired', 1],
      ['big', 'group sg3', 'sg3', 'Blocked', 'MaxChangesExceeded', 0],
      ['big', 'group sg4', 'sg4', 'Blocked', 'MaxChangesExceeded', 0],
      ['old-pair', 'no longer declared', 'sg1', 'ExtraOwned', 'PairingRemoved', 1],
    ]);
    expect(complianceExitCode(m)).toBe(2);
  });
});

describe('the three renderings of one model', () => {
  it('table and CSV list every row with its state and reason', () => {
    const m = model();
    const table = formatComplianceTable(m);
    expect(table.split('\n')[0]).toBe(
      `prod: 4 pairing(s), 7 row(s): 1 InSync, 2 Missing, 2 Blocked, 1 Failed, 1 NotEvaluated (evaluated ${at} by cli, run run-1)`,
    );
    expect(table).toMatch(/cross +2: group sg-b +b \(2+\) +sg-b +Failed +0 +0 +AssumeRoleDenied: account/);
    expect(table).toMatch(/sg1 +a \(1+\) +150\/200 +50 +3\/20 +17/);
    const csv = formatComplianceCsv(m).split('\r\n');
    expect(csv[0]).toBe(
      'pairing,side,side_label,account,account_id,group,state,rules_to_add,rules_to_revoke,reason,message,mode',
    );
    expect(csv).toContain(`one-way,2,group sg4,a,${accountA},sg4,InSync,0,0,,,`);
  });

  it('the SVG has one edge per pairing in its state colour, with the reason on hover; mermaid and dot the same edges', () => {
    const m = model();
    const svg = renderGraphSvg(m);
    const edges = [
      ...svg.matchAll(/<path class="edge" data-pairing="([^"]+)" data-state="(\w+)"[^>]* stroke="([^"]+)"/g),
    ];
    expect(edges.map((e) => [e[1], e[2], e[3]])).toEqual([
      ['app-db', 'Missing', stateColours.Missing],
      ['blocked', 'Blocked', stateColours.Blocked],
      ['cross', 'Failed', stateColours.Failed],
      ['one-way', 'InSync', stateColours.InSync],
    ]);
    expect(svg).toContain('<title>cross: Failed: AssumeRoleDenied: account');
    expect(svg).toContain(`>a (${accountA})</text>`);
    expect(renderGraphMermaid(m).match(/<-->|-->/g)).toHaveLength(4);
    expect(renderGraphDot(m)).toContain(`"${accountA}/sg3" -> "${accountA}/sg4" [label="one-way", color="#2e7d32"`);
  });
});
