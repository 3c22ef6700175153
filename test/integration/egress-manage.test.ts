import { describe, expect, it } from 'vitest';
import { explainPairing, readExplainState } from '../../shared/explain';
import { config, exampleScenario, oneAccountYaml, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Issue 16 item 2: an egress-restricted sender is warned by plan, explained by explain, fixed by
// egress: manage, and pruned back when the pairing goes — through the real SDK and the emulator.

const cloud = useEmulator();

/** The example world, where sg-a1 (i-a1's group) drops all outbound traffic (priority 100). */
function restrictedScenario(): unknown {
  const s = exampleScenario() as { securityGroups: { id: string; rules?: unknown[] }[] };
  const drop = {
    direction: 'egress',
    ipProtocol: 'ALL',
    portRange: '-1/-1',
    destCidrIp: '0.0.0.0/0',
    policy: 'Drop',
    priority: 100,
  };
  return { ...s, securityGroups: s.securityGroups.map((g) => (g.id === 'sg-a1' ? { ...g, rules: [drop] } : g)) };
}

const yaml = (egress: string) =>
  oneAccountYaml(`  - name: db
    protocol: tcp
    ports: 5432/5432
    egress: ${egress}
    between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }]
`);
const noPairing = oneAccountYaml('  []\n');

describe('egress: check warns, explain names the rule, manage fixes and prunes', () => {
  it('goes from EgressBlocked to allowed and back to the drop rule alone', async () => {
    const e = await cloud.start(restrictedScenario());
    const runtime = runtimeFor(e);
    const egressOf = (groupId: string) =>
      (e.emulator.world.groups.get(groupId)?.rules ?? [])
        .filter((r) => r.direction === 'egress')
        .map(
          (r) =>
            `${r.policy} ${r.ipProtocol} ${r.portRange} ${r.destCidrIp || r.destGroupId} p${r.priority} ${r.description}`,
        )
        .sort();

    // plan (check, the default) warns; nothing is written for egress
    const checked = await run(config(yaml('check')), runtime);
    const warning = checked.plan.pairings[0]?.warnings.find((w) => w.code === 'EgressBlocked');
    expect(warning?.message).toMatch(/instance i-a1 cannot send to instance i-a2.*sg-a1.*egress: manage/);
    expect(egressOf('sg-a1')).toEqual(['Drop ALL -1/-1 0.0.0.0/0 p100 ']);

    // explain names the deciding egress rule
    const cfg = config(yaml('check'));
    const state = await readExplainState(cfg.pairings[0]!, runtime.cloudAccess(cfg));
    const explained = explainPairing(cfg, 'db', state);
    expect(explained.directions[0]).toMatchObject({
      verdict: 'Blocked',
      reason: 'EgressDropRule',
      rule: { groupId: 'sg-a1', policy: 'drop' },
    });

    // manage adds the owned egress accept rule; the next plan is clean
    await run(config(yaml('manage')), runtime);
    expect(egressOf('sg-a1')).toEqual([
      'Accept TCP 5432/5432 10.0.0.2/32 p1 sg-pairing:demo:db',
      'Drop ALL -1/-1 0.0.0.0/0 p100 ',
    ]);
    const again = await run(config(yaml('manage')), runtime);
    expect(again.plan.pairings.map((p) => [p.status, p.warnings.map((w) => w.code)])).toEqual([['InSync', []]]);

    // the pairing goes: its egress rule is pruned, the hand-made drop stays
    await run(config(noPairing), runtime);
    expect(egressOf('sg-a1')).toEqual(['Drop ALL -1/-1 0.0.0.0/0 p100 ']);
    expect(egressOf('sg-a2')).toEqual([]);
    expect(e.emulator.world.groups.get('sg-a1')?.tags).toEqual({});
  });
});
