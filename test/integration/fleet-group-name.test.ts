import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator';
import { handler as reconcileWorker } from '../../functions/reconcile-worker';
import { handler as scheduledReconcile } from '../../functions/scheduled-reconcile';
import { computeIamPlan } from '../../shared/iam';
import { timerBuffer } from '../support/event-fixtures';
import { fcContext } from '../support/function-calls';
import { HUB_ACCOUNT_ID } from '../support/identities';
import { hubScenarioAccount, memberScenarioAccount } from '../support/directory-accounts';
import { namedFleetYaml } from '../support/named-fleet-world';
import { config, ingressRules, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Issue 13, item 1: a fleet side by name, { account: "*", securityGroupName: bastion }: the group of
// that name in every declared and discovered account (hub and spoke), found at each run.
const cloud = useEmulator();

const SHARED = '4000000000000001';
const MEMBERS = ['5000000000000001', '5000000000000002', '5000000000000003'];
const JOINER = '5000000000000004';
const NO_GROUP = '5000000000000006';
const FOLDER = 'fd-prodfold01';
const memberIds = [...MEMBERS, JOINER, NO_GROUP];

const account = (id: string) => memberScenarioAccount(id);
const group = (id: string, owner: string, name: string) => ({ id, owner, vpc: 'vpc-org', type: 'normal', name });
const scenario = {
  region: 'cn-qingdao',
  accounts: [hubScenarioAccount([{ name: 'sg-pairing-fc', trust: [] }]), account(SHARED), ...memberIds.map(account)],
  vpcs: [{ id: 'vpc-org', owner: SHARED, cidr: '10.8.0.0/16', sharedWith: memberIds }],
  securityGroups: [
    group('sg-hub', SHARED, 'jump-hosts'),
    group('sg-b0', SHARED, 'bastion'),
    ...[...MEMBERS, JOINER].map((id) => group(`sg-b${id.slice(-1)}`, id, 'bastion')),
    group('sg-near', NO_GROUP, 'bastion-old'), // a name that only begins like it: not the group
  ],
  instances: [],
};

const YAML = namedFleetYaml(); // the same config as test/support/named-fleet-world.ts's world
/** The way back: each account's bastion group reaches the hub's, rules written into the one hub group. */
const BACK = `  - name: back
    direction: first-to-second
    protocol: tcp
    ports: 22/22
    between:
      - { account: "*", securityGroupName: bastion }
      - { account: shared, securityGroup: sg-hub }
`;

async function control(emu: RunningEmulator, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${emu.url}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function directory(emu: RunningEmulator): Promise<void> {
  await control(emu, 'directory', {
    managementAccountId: HUB_ACCOUNT_ID,
    folders: [{ id: FOLDER, name: 'prod' }],
    members: [...MEMBERS, NO_GROUP].map((accountId) => ({ accountId, folderId: FOLDER })),
  });
}

/** The roles carry exactly what `iam` generates: the member template in every member, the declared account's own. */
function loadIamPolicies(emu: RunningEmulator): void {
  const iam = computeIamPlan(config(YAML), { hubRoleArn: `acs:ram::${HUB_ACCOUNT_ID}:role/hub` });
  const roleOf = (id: string) => emu.emulator.world.accounts.get(id)?.roles.get('sg-pairing');
  for (const id of memberIds) roleOf(id)!.policy = iam.fleetMember?.permissionPolicy;
  roleOf(SHARED)!.policy = iam.accounts.find((a) => a.accountId === SHARED)?.permissionPolicy;
}

const jumpRules = (emu: RunningEmulator, groupId: string) =>
  ingressRules(emu, groupId).filter((r) => r.description.startsWith('sg-pairing:org:jump--'));
/** the discovered accounts' EventRouteUntrusted (test/integration/event-route-coverage.test.ts) aside */
const notRoute = (w: { code: string }) => w.code !== 'EventRouteUntrusted';
const lookups = (emu: RunningEmulator) =>
  emu.emulator.calls.records.filter((c) => c.action === 'DescribeSecurityGroups' && c.params.SecurityGroupName);

describe('fleet side by name: the group of that name in every account', () => {
  // the docs do not say whether SecurityGroupName matches exactly or in part: either answer, the same run
  it.each(['exact', 'contains'] as const)(
    'covers the members, then the joiner after one more sweep; an account without the group is a warning (name filter %s)',
    async (match) => {
      const emu = await cloud.start(scenario);
      emu.emulator.world.groupNameMatch = match;
      await directory(emu);
      loadIamPolicies(emu);

      const first = await run(config(YAML), runtimeFor(emu));

      expect(first.ok).toBe(true);
      expect(first.directory?.fleet).toEqual([{ pairing: 'jump', accounts: [SHARED, ...MEMBERS] }]);
      expect(first.directory?.warnings.filter(notRoute).map((w) => [w.code, w.account])).toEqual([
        ['GroupNameMissing', NO_GROUP],
      ]);
      for (const id of ['0', ...MEMBERS.map((m) => m.slice(-1))])
        expect(jumpRules(emu, `sg-b${id}`)).toEqual([
          expect.objectContaining({ portRange: '22/22', sourceGroupId: 'sg-hub', sourceGroupOwnerId: SHARED }),
        ]);
      expect(jumpRules(emu, 'sg-near')).toEqual([]);
      expect(
        lookups(emu)
          .map((c) => c.account)
          .sort(),
      ).toEqual([SHARED, ...MEMBERS, NO_GROUP]); // one per account

      await control(emu, 'directory/members', { accountId: JOINER, folderId: FOLDER });
      const second = await run(config(YAML), runtimeFor(emu));

      expect(second.ok).toBe(true);
      expect(second.directory?.fleet[0]?.accounts).toEqual([SHARED, ...MEMBERS, JOINER]);
      expect(second.pairings.find((p) => p.name === `jump--${JOINER}`)).toMatchObject({ status: 'Changed' });
      expect(jumpRules(emu, 'sg-b4')).toEqual([expect.objectContaining({ sourceGroupId: 'sg-hub' })]);
      expect(emu.emulator.calls.records.filter((c) => c.code === 'Forbidden.RAM')).toEqual([]);
    },
  );

  it('the fan-out looks once, in the timer; each worker gets the groups of its accounts', async () => {
    const emu = await cloud.start(scenario);
    await directory(emu);
    cloud.useFunctionEnv(YAML + BACK, { SG_PAIRING_FANOUT_ACCOUNTS: '2' });
    cloud.captureLogs();
    const payloads: { namedGroups?: { accountId: string; securityGroupId: string }[] }[] = [];
    emu.emulator.functions.register(
      'sg-pairing-reconcile-worker',
      async (event, context) => {
        payloads.push(JSON.parse(event.toString('utf8')));
        return reconcileWorker(event, context);
      },
      { role: `acs:ram::${HUB_ACCOUNT_ID}:role/sg-pairing-fc` },
    );

    const result = await scheduledReconcile(
      timerBuffer('every-10-minutes'),
      fcContext('sg-pairing-scheduled-reconcile'),
    );
    const settled = await emu.emulator.functions.settled();

    expect(result).toMatchObject({ mode: 'fanout', ok: true });
    expect(settled.every((i) => i.status === 'succeeded')).toBe(true);
    const told = payloads.flatMap((p) => p.namedGroups ?? []).map((g) => g.securityGroupId);
    expect([...new Set(told)].sort()).toEqual(['sg-b0', 'sg-b1', 'sg-b2', 'sg-b3']);
    expect(lookups(emu)).toHaveLength(5); // the timer's: one per account, none in the workers
    for (const id of MEMBERS) expect(jumpRules(emu, `sg-b${id.slice(-1)}`)).toHaveLength(1);
    const intoHub = () =>
      ingressRules(emu, 'sg-hub')
        .map((r) => r.description)
        .sort();
    const everyBack = [SHARED, ...MEMBERS].map((id) => `sg-pairing:org:back--${id}`);
    expect(intoHub()).toEqual(everyBack);

    // a second sweep: no shard takes away the rules another shard's accounts wrote into the one hub group
    await scheduledReconcile(timerBuffer('every-10-minutes'), fcContext('sg-pairing-scheduled-reconcile'));
    await emu.emulator.functions.settled();

    expect(intoHub()).toEqual(everyBack);
    expect(emu.emulator.calls.records.filter((c) => c.action.startsWith('Revoke'))).toEqual([]);
  });
});
