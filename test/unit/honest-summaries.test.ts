import { describe, expect, it } from 'vitest';
import { formatReport } from '../../cli/format-report';
import { formatPlan, planPairings } from '../../shared/plan';
import { buildReport } from '../../shared/reconcile';
import { accountA, accountB, config, group, groupSide, pairing, state } from './builders';

const failedAccount = [{ accountId: accountB, code: 'AssumeRoleDenied', message: 'not allowed', retryable: false }];
const across = (name: string) => pairing({ name, sides: [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg2')] });

describe('honest summaries', () => {
  it('apply with 3 Failed pairings says "3 failed" in its headline, not the rule count', () => {
    // Prepare: three pairings reaching an account whose role is refused
    const plan = planPairings(
      config([across('a'), across('b'), across('c')]),
      state({ groups: [group(accountA, 'sg1')], accountFailures: failedAccount }),
    );

    // Act
    const report = buildReport('run-1', 'apply', plan, []);
    const text = formatReport(report, false);

    // Assess
    expect(text.split('\n')[0]).toBe(
      'Applied deployment "prod" (run run-1): 3 pairing(s): 0 changed, 0 in sync, 0 blocked, 3 failed; rules 0 added, 0 revoked, 0 failed',
    );
    expect(report.headline).toBe(text.split('\n')[0]);
  });

  it('a refused run says "refused: maxChangesPerRunTotal" and groups 250 identical lines into one "×250"', () => {
    // Prepare: 250 pairings of 2 rules each over a total ceiling of 0
    const names = Array.from({ length: 250 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const plan = planPairings(
      config(names.map(across), 'prod', { maxChangesPerRunTotal: 0 }),
      state({ groups: [group(accountA, 'sg1'), group(accountB, 'sg2')] }),
    );

    // Act
    const text = formatReport(buildReport('run-2', 'apply', plan, []), false);
    const planText = formatPlan(plan, { color: false });

    // Assess: one headline naming the setting, one grouped line for the 250 blocked pairings
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /250 pairing\(s\): 0 changed, 0 in sync, 250 blocked, 0 failed; .*; refused: maxChangesPerRunTotal$/,
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^ {2}p000, p001, p002, … \(247 more\) +Blocked +\+0 MaxChangesPerRunTotalExceeded: .* ×250$/,
    );
    expect(planText).toMatch(
      /Pairings: 0 in sync, 0 with changes, 250 blocked, 0 failed; refused: maxChangesPerRunTotal\n/,
    );
    expect(planText.match(/×250/g)).toHaveLength(1);
  });

  it("the text plan lists the record's TagResources beside the rules it adds", () => {
    // Prepare: a run that lists the record (recordedGroups known) and adds to two untagged groups
    const plan = planPairings(config([across('a')]), {
      ...state({ groups: [group(accountA, 'sg1'), group(accountB, 'sg2')] }),
      recordedGroups: [],
    });

    // Act
    const text = formatPlan(plan, { color: false });

    // Assess
    expect(text).toContain(`  TagResources   account ${accountA}  group sg1  (sg-pairing:prod=owned)`);
    expect(text).toContain(`  TagResources   account ${accountB}  group sg2  (sg-pairing:prod=owned)`);
  });
});
