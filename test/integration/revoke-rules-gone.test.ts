import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/log';
import { client, revoke } from '../support/ecs-calls';
import type { RunningEmulator } from '../support/emulator-access';
import { config, exampleScenario, oneAccountYaml, run, runtimeFor } from '../support/product';
import { ruleLines } from '../support/two-vpcs';
import { ACCOUNT_A_ID, ACCOUNT_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

// A revoke by SecurityGroupRuleId is refused whole when one id is gone (issue 12, item 1). The rules
// pruned here go away under an overlapping run, or a person, between the run's read and its revoke:
// the run re-reads the group once and revokes the rest, and still ends ok. The emulator's call gates
// hold the run's revokes (one per group) after its read, so each interleaving is exact, without sleeps.

const cloud = useEmulator();

const pairing = (name: string, ports: string) => `  - name: ${name}
    between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }]
    protocol: tcp
    ports: ${ports}
`;
const webPair = `  - name: web-pair
    between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }]
`;
const pruned = config(oneAccountYaml(webPair));
const KEPT = {
  'sg-a1': ['ALL -1/-1 10.0.0.2/32 p1 sg-pairing:demo:web-pair'],
  'sg-a2': ['ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:web-pair'],
};

/** The example world with web-pair and three tcp pairings applied: removing the three prunes 3 rules per group. */
async function withThreeApplied(): Promise<RunningEmulator> {
  const e = await cloud.start(exampleScenario());
  const yaml = oneAccountYaml(
    webPair + pairing('ssh', '22/22') + pairing('http', '80/80') + pairing('https', '443/443'),
  );
  expect((await run(config(yaml), runtimeFor(e))).counts).toMatchObject({ rulesAdded: 8 });
  e.emulator.calls.clear();
  return e;
}

const groupRules = (e: RunningEmulator) => ({ 'sg-a1': ruleLines(e, 'sg-a1'), 'sg-a2': ruleLines(e, 'sg-a2') });
const ruleIdOf = (e: RunningEmulator, groupId: string, port: string) =>
  e.emulator.world.groups.get(groupId)!.rules.find((r) => r.portRange === port)!.ruleId;
/** The run's revokes as the emulator answered them: group, ids sent, code ('' = done). */
const revokes = (e: RunningEmulator) =>
  e.emulator.calls
    .find({ action: 'RevokeSecurityGroup' })
    .map((c) => [
      c.params.SecurityGroupId,
      Object.keys(c.params).filter((k) => k.startsWith('SecurityGroupRuleId.')).length,
      c.code,
    ])
    .sort();

/** Starts a prune run and waits until it has read and sent its two revokes, both held. */
async function pruneHeldAfterRead(e: RunningEmulator, logLines: string[] = []) {
  const gate = e.emulator.gates.hold('RevokeSecurityGroup', 2);
  const report = run(
    pruned,
    runtimeFor(e),
    {},
    createLogger((line) => logLines.push(line)),
  );
  await gate.reached;
  return { report, release: () => gate.release() };
}

describe('revoking rules another party revoked first', () => {
  it('two runs overlapping on the same owned rules: both end ok and the groups end exactly right', async () => {
    const e = await withThreeApplied();
    const first = await pruneHeldAfterRead(e);

    // the second run (its own sessions) reads the same rules and revokes them all while the first waits
    const second = await run(pruned, runtimeFor(e));
    first.release();
    const firstReport = await first.report;

    expect([firstReport.ok, second.ok]).toEqual([true, true]);
    expect(second.counts).toMatchObject({ rulesRevoked: 6 });
    expect(firstReport.changes.filter((c) => c.status !== 'applied')).toEqual([]);
    expect(groupRules(e)).toEqual(KEPT);
    // the first run's calls were refused whole, read again, and had nothing left to send
    expect(revokes(e)).toEqual([
      ['sg-a1', 3, ''],
      ['sg-a1', 3, 'InvalidParam.SecurityGroupRuleId'],
      ['sg-a2', 3, ''],
      ['sg-a2', 3, 'InvalidParam.SecurityGroupRuleId'],
    ]);
    // and converged
    expect((await run(pruned, runtimeFor(e))).plan.counts).toMatchObject({ rulesToAdd: 0, rulesToRevoke: 0 });
  });

  it('a rule deleted by hand between the read and the revoke: the run ends ok and the rest of the batch is revoked', async () => {
    const e = await withThreeApplied();
    const logLines: string[] = [];
    const held = await pruneHeldAfterRead(e, logLines);

    const byHand = client(e, ACCOUNT_CREDENTIALS[ACCOUNT_A_ID]);
    await revoke(byHand, 'sg-a1', [], { securityGroupRuleId: [ruleIdOf(e, 'sg-a1', '80/80')] });
    held.release();
    const report = await held.report;

    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({ rulesRevoked: 6 });
    expect(groupRules(e)).toEqual(KEPT);
    expect(revokes(e)).toEqual([
      ['sg-a1', 1, ''], // by hand
      ['sg-a1', 2, ''], // the rest of the batch
      ['sg-a1', 3, 'InvalidParam.SecurityGroupRuleId'],
      ['sg-a2', 3, ''],
    ]);
    const revokeLines = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.action === 'revoke');
    expect(revokeLines.map((l) => [l.group, l.result, l.rules, l.alreadyGone]).sort()).toEqual([
      ['sg-a1', 'applied', 3, 1],
      ['sg-a2', 'applied', 3, undefined],
    ]);
  });

  it.each([
    'InvalidParam.SecurityGroupRuleId',
    'InvalidSecurityGroupRuleId.NotFound',
    'InvalidSecurityGroupRule.RuleNotExist',
  ])('works whichever documented code the refusal carries: %s', async (code) => {
    const e = await withThreeApplied();
    const held = await pruneHeldAfterRead(e);
    await revoke(client(e, ACCOUNT_CREDENTIALS[ACCOUNT_A_ID]), 'sg-a1', [], {
      securityGroupRuleId: [ruleIdOf(e, 'sg-a1', '22/22')],
    });
    e.emulator.faults.set({ action: 'RevokeSecurityGroup', failNext: { count: 2, code } });

    held.release();
    const report = await held.report;

    expect(report.ok).toBe(true);
    expect(groupRules(e)).toEqual(KEPT);
    expect(e.emulator.calls.find({ action: 'RevokeSecurityGroup', code })).toHaveLength(2);
  });

  it('a second refusal fails the group as any refusal would: one re-read and one resend, no loop', async () => {
    const e = await withThreeApplied();
    e.emulator.faults.set({
      action: 'RevokeSecurityGroup',
      failNext: { count: 4, code: 'InvalidParam.SecurityGroupRuleId' },
    });

    const report = await run(pruned, runtimeFor(e));

    expect(report.ok).toBe(false);
    expect(new Set(report.changes.map((c) => `${c.status} ${c.code} ${c.retryable}`))).toEqual(
      new Set(['failed InvalidParam.SecurityGroupRuleId false']),
    );
    expect(e.emulator.calls.find({ action: 'RevokeSecurityGroup' })).toHaveLength(4);
    expect(e.emulator.calls.find({ action: 'DescribeSecurityGroupAttribute' }).length).toBeGreaterThan(0);
    expect(ruleLines(e, 'sg-a1')).toHaveLength(4); // nothing revoked, nothing else touched
  });
});
