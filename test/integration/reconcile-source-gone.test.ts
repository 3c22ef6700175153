import { describe, expect, it } from 'vitest';
import { authorize, client } from '../support/ecs-calls';
import type { RunningEmulator } from '../support/emulator-access';
import { callCounts, config, run, runtimeFor } from '../support/product';
import { ipOf, launch, release, ruleLines, twoVpcScenario } from '../support/two-vpcs';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, ACCOUNT_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

// Issue 18.2: a released instance side (the API says it does not exist) has its pairing's owned
// rules revoked on the next sweep (SourceGone); when the read fails, nothing is revoked.

const cloud = useEmulator();

const yamlFor = (instanceId: string) => `version: 1
name: demo
region: cn-qingdao
accounts:
  a: { id: "${ACCOUNT_A_ID}" }
  b: { id: "${ACCOUNT_B_ID}" }
pairings:
  - name: api-db
    between: [{ account: a, instance: ${instanceId} }, { account: b, securityGroup: sg-db }]
    direction: first-to-second
    protocol: tcp
    ports: 8080/8080
`;

/** An instance of a paired with sg-db of b, applied, plus a hand-made rule for its address; then released. */
async function releasedAfterApply(): Promise<{ e: RunningEmulator; ip: string; id: string }> {
  const e = await cloud.start(twoVpcScenario());
  const [id] = (await launch(e, ACCOUNT_A_ID, 'sg-web2', 1)) as [string];
  const ip = ipOf(e, id);
  const first = await run(config(yamlFor(id)), runtimeFor(e));
  expect(first.counts).toMatchObject({ rulesAdded: 1 });
  await authorize(client(e, ACCOUNT_CREDENTIALS[ACCOUNT_B_ID]), 'sg-db', [
    { ipProtocol: 'TCP', portRange: '8080/8080', sourceCidrIp: ip, priority: '3', description: 'by hand' },
  ]);
  await release(e, ACCOUNT_A_ID, id);
  e.emulator.calls.clear();
  return { e, ip, id };
}

describe('a gone instance side', () => {
  it('is revoked on the next sweep, reported SourceGone; a hand-made rule for its address stays', async () => {
    const { e, ip, id } = await releasedAfterApply();

    const report = await run(config(yamlFor(id)), runtimeFor(e));

    expect(report.pairings).toEqual([
      expect.objectContaining({
        name: 'api-db',
        status: 'Blocked',
        reason: 'InstanceNotFound',
        counts: expect.objectContaining({ toRevoke: 1, revoked: 1 }),
      }),
    ]);
    expect(report.plan.groups.flatMap((g) => (g.revoke ?? []).map((r) => [g.groupId, r.pairing, r.reason]))).toEqual([
      ['sg-db', 'api-db', 'SourceGone'],
    ]);
    expect(report.counts).toMatchObject({ rulesRevoked: 1 });
    expect(ruleLines(e, 'sg-db')).toEqual([`TCP 8080/8080 ${ip} p3 by hand`]);

    // the following sweep has nothing left to revoke
    e.emulator.calls.clear();
    await run(config(yamlFor(id)), runtimeFor(e));
    expect(callCounts(e).RevokeSecurityGroup).toBeUndefined();
  });

  it('keeps its rules when the read of its account fails (unknown, not gone)', async () => {
    const { e, ip, id } = await releasedAfterApply();
    e.emulator.faults.set({
      action: 'DescribeInstances',
      account: ACCOUNT_A_ID,
      failNext: { count: 100, code: 'Forbidden.RAM' },
    });

    const report = await run(config(yamlFor(id)), runtimeFor(e));

    expect(report.pairings).toEqual([
      expect.objectContaining({ name: 'api-db', status: 'Failed', reason: 'Forbidden.RAM' }),
    ]);
    expect(report.counts).toMatchObject({ rulesRevoked: 0 });
    expect(callCounts(e).RevokeSecurityGroup).toBeUndefined();
    expect(ruleLines(e, 'sg-db')).toEqual([
      `TCP 8080/8080 ${ip} p3 by hand`,
      `TCP 8080/8080 ${ip}/32 p1 sg-pairing:demo:api-db`,
    ]);
  });
});
