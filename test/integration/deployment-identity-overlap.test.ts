import { describe, expect, it } from 'vitest';
import { callCounts, config, exampleScenario, oneAccountYaml, run, runtimeFor } from '../support/product';
import { ruleLines } from '../support/two-vpcs';
import { useEmulator } from '../support/use-emulator';

// Overlapping runs of the SAME deployment (issue 15, item 3): the timer's sweep, a CLI apply and an
// event's scoped run, each its own process, read the same state and write at once, with no lock. The
// emulator's call gates hold every run's writes until all three have read, so the overlap is exact.

const cloud = useEmulator();

const pairing = (name: string, receiver: string, sender: string, ports = '') => `  - name: ${name}
    direction: first-to-second
    between: [{ account: a, instance: ${sender} }, { account: a, securityGroup: ${receiver} }]
${ports === '' ? '' : `    protocol: tcp\n    ports: ${ports}\n`}`;
const intoX = pairing('into-x', 'sg-a2', 'i-a1');
const intoY = pairing('into-y', 'sg-a1', 'i-a2');
const sshX = pairing('ssh-x', 'sg-a2', 'i-a1', '22/22');
const webY = pairing('web-y', 'sg-a1', 'i-a2', '80/80');
const deployment = (pairings: string) => config(oneAccountYaml(pairings, 'deploymentId: team-a\n'));

describe('overlapping runs of one deployment', () => {
  it('a sweep, a CLI apply and an event run at once: exactly the desired rules, none twice, nothing wanted revoked', async () => {
    const e = await cloud.start(exampleScenario());
    expect((await run(deployment(intoX + intoY + sshX), runtimeFor(e))).ok).toBe(true);
    e.emulator.calls.clear();
    // now: web-y added (sg-a1), ssh-x removed (its rule in sg-a2 pruned by the two full runs)
    const next = deployment(intoX + intoY + webY);
    const adds = e.emulator.gates.hold('AuthorizeSecurityGroup', 3);
    const revokes = e.emulator.gates.hold('RevokeSecurityGroup', 2);

    const runs = Promise.all([
      run(next, runtimeFor(e)), // the timer's sweep
      run(next, runtimeFor(e)), // sg-pairing apply
      run(next, runtimeFor(e), { pairings: ['web-y'] }), // an instance event naming web-y's side
    ]);
    await Promise.all([adds.reached, revokes.reached]); // all three have read the same state
    adds.release();
    revokes.release();
    const reports = await runs;

    expect(reports.map((r) => r.ok)).toEqual([true, true, true]);
    expect(callCounts(e)).toMatchObject({ AuthorizeSecurityGroup: 3, RevokeSecurityGroup: 2 });
    expect({ 'sg-a1': ruleLines(e, 'sg-a1'), 'sg-a2': ruleLines(e, 'sg-a2') }).toEqual({
      'sg-a1': [
        'ALL -1/-1 10.0.0.2/32 p1 sg-pairing:demo:into-y:team-a',
        'TCP 80/80 10.0.0.2/32 p1 sg-pairing:demo:web-y:team-a',
      ],
      'sg-a2': ['ALL -1/-1 10.0.0.1/32 p1 sg-pairing:demo:into-x:team-a'],
    });
    expect(e.emulator.world.groups.get('sg-a1')!.tags).toEqual({ 'sg-pairing:demo': 'owned:team-a' });

    e.emulator.calls.clear();
    const after = await run(next, runtimeFor(e));
    expect(after.plan.counts).toMatchObject({ rulesToAdd: 0, rulesToRevoke: 0, inSync: 3 });
  });
});
