import { describe, expect, it } from 'vitest';
import { ACCOUNT_A_ID } from '../support/identities';
import { config, exampleScenario, oneAccountYaml, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// The tag record against the documented TagResources limits: 50 resources a call, 20 tags a
// resource, and a call that would give one resource a 21st tag refused whole (InvalidTagCount).
// The listing names key and value, since what a key-only Tag filter matches is undocumented.

const cloud = useEmulator();

const KEY = 'sg-pairing:demo';
const groups = Array.from({ length: 50 }, (_, n) => `sg-r${String(n).padStart(2, '0')}`);
const FULL = 'sg-r07';
const twentyTags = Object.fromEntries(Array.from({ length: 20 }, (_, n) => [`team:k${n}`, 'v']));
// 25 pairings of two groups each: every group receives a reference to its partner, 50 groups in all
const pairings = Array.from(
  { length: 25 },
  (_, n) => `  - name: p${n}
    between: [{ account: a, securityGroup: ${groups[n]} }, { account: a, securityGroup: ${groups[n + 25]} }]
`,
).join('');

type ScenarioDoc = { securityGroups: Record<string, unknown>[] };

function scenario(extra: Record<string, Record<string, string>> = {}): unknown {
  const s = exampleScenario() as ScenarioDoc;
  for (const id of groups)
    s.securityGroups.push({
      id,
      owner: ACCOUNT_A_ID,
      vpc: 'vpc-a',
      type: 'normal',
      tags: id === FULL ? twentyTags : (extra[id] ?? {}),
    });
  return s;
}

const tagCalls = () => cloud.calls.records.filter((c) => c.action === 'TagResources');

describe('the record tag batch', () => {
  it('a 50-group batch with one group at 20 tags: the batch is split, 49 groups tagged, one warning naming the full one', async () => {
    const e = await cloud.start(scenario());

    const report = await run(config(oneAccountYaml(pairings)), runtimeFor(e));

    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({ rulesAdded: 50 });
    expect(report.record?.tagged).toEqual(groups.filter((g) => g !== FULL).map((g) => `${ACCOUNT_A_ID}/${g}`));
    expect(report.record?.warnings).toEqual([
      {
        code: 'RecordTagFailed',
        accountId: ACCOUNT_A_ID,
        groupId: FULL,
        message: expect.stringContaining('InvalidTagCount'),
      },
    ]);
    for (const g of groups) expect(e.emulator.world.groups.get(g)!.tags[KEY]).toBe(g === FULL ? undefined : 'owned');
    expect(e.emulator.world.groups.get(FULL)!.tags).toEqual(twentyTags);
    const calls = tagCalls();
    expect(calls[0]).toMatchObject({ code: 'InvalidTagCount', params: { 'ResourceId.50': groups[49] } });
    expect(calls.filter((c) => c.code === '').length).toBeGreaterThan(1);
    expect(calls.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(50))); // halving, not one call per group
  });

  it('the listing filters by key and value: a group carrying the key with another value is not taken for the record', async () => {
    const e = await cloud.start(scenario({ 'sg-r40': { [KEY]: 'someone-else' } }));
    const yaml = oneAccountYaml(pairings.split('  - name: ').slice(0, 3).join('  - name: '));

    const report = await run(config(yaml), runtimeFor(e));

    const listings = e.emulator.calls.records.filter(
      (c) => c.action === 'DescribeSecurityGroups' && c.params['Tag.1.Key'] !== undefined,
    );
    expect(listings.map((c) => [c.params['Tag.1.Key'], c.params['Tag.1.Value']])).toEqual([[KEY, 'owned']]);
    expect(report.ok).toBe(true);
    expect(report.record?.untagged).toEqual([]);
    expect(e.emulator.world.groups.get('sg-r40')!.tags).toEqual({ [KEY]: 'someone-else' });
    expect(
      e.emulator.calls.records.filter(
        (c) => c.params.SecurityGroupId === 'sg-r40' || c.params['ResourceId.1'] === 'sg-r40',
      ),
    ).toEqual([]);
  });
});
