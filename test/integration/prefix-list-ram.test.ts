import { describe, expect, it } from 'vitest';
import type { NormalizedConfig } from '../../shared/config';
import { computeIamPlan } from '../../shared/iam';
import { hubSession, HUB_ROLE_ARN, scenarioWithPolicies, withoutAction } from '../support/least-privilege';
import { denials, statuses } from '../support/least-privilege-run';
import { exampleConfig, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// strategy prefix-list under the emulator's RAM enforcement: the policies `sg-pairing iam` generates
// for it (web-pair, both sides in account a, as prefix-list) are enough, and no more than needed.

const cloud = useEmulator();

const withWebPair = (strategy: 'prefix-list' | 'addresses'): NormalizedConfig => {
  const example = exampleConfig();
  return { ...example, pairings: example.pairings.map((p) => (p.name === 'web-pair' ? { ...p, strategy } : p)) };
};
const PLAN = computeIamPlan(withWebPair('prefix-list'), { hubRoleArn: HUB_ROLE_ARN });
const lists = (e: Awaited<ReturnType<typeof cloud.start>>) => [...e.emulator.world.prefixLists.values()].length;

describe('strategy prefix-list, least privilege', () => {
  it('with exactly the generated policies: lists created, then deleted when the pairing moves to addresses; no call refused', async () => {
    const e = await cloud.start(scenarioWithPolicies(PLAN));
    const runtime = runtimeFor(e, await hubSession(e));

    const first = await run(withWebPair('prefix-list'), runtime);
    expect(statuses(first)).toEqual({ 'app-db': 'Changed', 'web-pair': 'Changed' });
    expect(lists(e)).toBe(2); // one per sending instance side
    const moved = await run(withWebPair('addresses'), runtime);
    expect(moved.ok).toBe(true);
    expect(lists(e)).toBe(0);
    expect(denials(e)).toEqual([]);
  });

  it('without CreatePrefixList the pairing fails with the refusal and no rule references a list', async () => {
    const e = await cloud.start(scenarioWithPolicies(withoutAction(PLAN, 'a', 'ecs:CreatePrefixList')));
    const report = await run(withWebPair('prefix-list'), runtimeFor(e, await hubSession(e)));
    expect(report.pairings.find((p) => p.name === 'web-pair')).toMatchObject({ status: 'Failed' });
    expect(denials(e)).toContain('CreatePrefixList');
    const referencing = [...e.emulator.world.groups.values()].flatMap((g) =>
      g.rules.filter((r) => r.sourcePrefixListId),
    );
    expect(referencing).toEqual([]);
  });
});
