import { describe, expect, it } from 'vitest';
import * as $Ecs from '@alicloud/ecs20140526';
import * as $dara from '@darabonba/typescript';
import type { RunningEmulator } from '../../emulator';
import { ecsClient } from '../support/clients';
import { HUB_ACCOUNT_ID } from '../support/identities';
import { hubScenarioAccount, memberScenarioAccount } from '../support/directory-accounts';
import { instanceEventsAgainst } from '../support/instance-events';
import { handler as reconcileWorker } from '../../functions/reconcile-worker';
import { handler as scheduledReconcile } from '../../functions/scheduled-reconcile';
import { computeIamPlan } from '../../shared/iam';
import { timerBuffer } from '../support/event-fixtures';
import { fcContext } from '../support/function-calls';
import { config, ingressRules, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Issue 13, items 1 and 4: accounts discovered in the Resource Directory, a fleet side covering every
// account, an account that joins later (through the emulator's control API), its routed events.
const rt = new $dara.RuntimeOptions({});
const cloud = useEmulator();
const { start, invoke } = instanceEventsAgainst(cloud);

const SHARED = '4000000000000001';
const MEMBERS = ['5000000000000001', '5000000000000002', '5000000000000003'];
const JOINER = '5000000000000004';
const NO_ROLE = '5000000000000005';
const FOLDER = 'fd-prodfold01';
const memberKey = (id: string) => ({ accessKeyId: `AK${id}`, accessKeySecret: `secret-${id}` });

const account = memberScenarioAccount;
const memberIds = [...MEMBERS, JOINER, NO_ROLE];
const scenario = {
  region: 'cn-qingdao',
  accounts: [hubScenarioAccount(), account(SHARED), ...memberIds.map((id) => account(id, id !== NO_ROLE))],
  vpcs: [{ id: 'vpc-org', owner: SHARED, cidr: '10.8.0.0/16', sharedWith: memberIds }],
  securityGroups: [
    { id: 'sg-bastion', owner: SHARED, vpc: 'vpc-org', type: 'normal', name: 'bastion' },
    ...memberIds.map((id) => ({ id: `sg-m${id.slice(-1)}`, owner: id, vpc: 'vpc-org', type: 'normal', name: 'app' })),
    { id: 'sg-m4new', owner: JOINER, vpc: 'vpc-org', type: 'normal', name: 'app-2' },
  ],
  instances: [
    { id: 'i-bastion', owner: SHARED, vpc: 'vpc-org', privateIp: '10.8.0.10', securityGroups: ['sg-bastion'] },
    ...memberIds.map((id, n) => ({
      id: `i-m${id.slice(-1)}`,
      owner: id,
      vpc: 'vpc-org',
      privateIp: `10.8.1.${n + 1}`,
      securityGroups: [`sg-m${id.slice(-1)}`],
      tags: { ssh: 'bastion' },
    })),
  ],
};

const yaml = (folder = FOLDER) => `version: 1
name: org
region: cn-qingdao
accounts:
  shared: { id: "${SHARED}" }
resourceDirectory:
  folderIds: [${folder}]
pairings:
  - name: bastion-ssh
    direction: first-to-second
    protocol: tcp
    ports: 22/22
    between:
      - { account: shared, securityGroup: sg-bastion }
      - { account: "*", tags: { ssh: bastion } }
`;

/** Every account's tagged instances reach the bastion group: rules written into the shared account's group. */
const REVERSE = `  - name: members-in
    direction: first-to-second
    protocol: tcp
    ports: 22/22
    between:
      - { account: "*", tags: { ssh: bastion } }
      - { account: shared, securityGroup: sg-bastion }
`;

async function control(emu: RunningEmulator, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${emu.url}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The directory: the hub manages it; three members (and one without the role) in the folder. */
async function directory(emu: RunningEmulator, managementAccountId = HUB_ACCOUNT_ID): Promise<void> {
  await control(emu, 'directory', {
    managementAccountId,
    folders: [{ id: FOLDER, name: 'prod' }],
    members: [...MEMBERS, NO_ROLE].map((accountId) => ({ accountId, folderId: FOLDER })),
  });
}

/** the discovered accounts' EventRouteUntrusted (test/integration/event-route-coverage.test.ts) aside */
const notRoute = (w: { code: string }) => w.code !== 'EventRouteUntrusted';
const bastionRules = (emu: RunningEmulator, group: string) =>
  ingressRules(emu, group).filter(
    (r) => r.description === 'sg-pairing:org:bastion-ssh--' + emu.emulator.world.groups.get(group)?.owner,
  );

describe('Resource Directory: a fleet side over declared and discovered accounts', () => {
  it('covers the three members, then the one that joins, after one more sweep and no config change', async () => {
    const emu = await cloud.start(scenario);
    await directory(emu);
    const runtime = runtimeFor(emu);

    const first = await run(config(yaml()), runtime);

    expect(first.ok).toBe(true);
    expect(first.directory?.fleet).toEqual([{ pairing: 'bastion-ssh', accounts: [SHARED, ...MEMBERS] }]);
    expect(first.directory?.warnings.filter(notRoute)).toEqual([
      expect.objectContaining({ code: 'RoleMissing', account: NO_ROLE }),
    ]);
    for (const id of MEMBERS) expect(bastionRules(emu, `sg-m${id.slice(-1)}`)).toHaveLength(1);
    expect(bastionRules(emu, 'sg-m4')).toHaveLength(0);

    await control(emu, 'directory/members', { accountId: JOINER, folderId: FOLDER });
    const second = await run(config(yaml()), runtime);

    expect(second.ok).toBe(true);
    expect(second.directory?.fleet[0]?.accounts).toEqual([SHARED, ...MEMBERS, JOINER]);
    expect(second.pairings.find((p) => p.name === `bastion-ssh--${JOINER}`)).toMatchObject({ status: 'Changed' });
    for (const id of [...MEMBERS, JOINER])
      expect(bastionRules(emu, `sg-m${id.slice(-1)}`)).toEqual([
        expect.objectContaining({ portRange: '22/22', sourceGroupId: 'sg-bastion', sourceGroupOwnerId: SHARED }),
      ]);
    expect(bastionRules(emu, 'sg-m5')).toHaveLength(0);
  });

  it("the joining account's RunInstances, routed to the hub's bus, reconciles its fleet pairing", async () => {
    const emu = await start(scenario, { yaml: yaml(), converge: false });
    await directory(emu);
    await control(emu, 'directory/members', { accountId: JOINER, folderId: FOLDER });
    emu.emulator.events.delivery = { ...emu.emulator.events.delivery, hubAccountId: HUB_ACCOUNT_ID };
    await ecsClient(emu.url, memberKey(JOINER)).runInstancesWithOptions(
      new $Ecs.RunInstancesRequest({
        regionId: 'cn-qingdao',
        securityGroupId: 'sg-m4new',
        amount: 1,
        instanceType: 'ecs.g7.large',
        imageId: 'aliyun_3_x64',
        tag: [new $Ecs.RunInstancesRequestTag({ key: 'ssh', value: 'bastion' })],
      }),
      rt,
    );
    const [routed] = emu.emulator.events.ofType('ecs:ActionTrail:ApiCall');
    expect(routed).toMatchObject({ aliyunaccountid: HUB_ACCOUNT_ID, aliyunoriginalaccountid: JOINER });

    const result = await invoke(Buffer.from(JSON.stringify(routed)));

    expect(result).toMatchObject({ status: 'Reconciled', pairings: [`bastion-ssh--${JOINER}`], ignored: [] });
    expect(result.report).toMatchObject({ ok: true });
    expect(bastionRules(emu, 'sg-m4new')).toEqual([expect.objectContaining({ sourceGroupId: 'sg-bastion' })]);
    expect(bastionRules(emu, 'sg-m1')).toHaveLength(0); // the event's scope: the joining account only
  });
});

describe('Resource Directory: the timer fans out over discovered accounts', () => {
  it('shards the discovered accounts; each worker expands the same pairings from its payload', async () => {
    const hubWithFcRole = {
      ...scenario,
      accounts: scenario.accounts.map((a) =>
        a.id === HUB_ACCOUNT_ID ? { ...a, roles: [{ name: 'sg-pairing-fc', trust: [] }] } : a,
      ),
    };
    const emu = await cloud.start(hubWithFcRole);
    await directory(emu);
    cloud.useFunctionEnv(yaml(), { SG_PAIRING_FANOUT_ACCOUNTS: '2' });
    cloud.captureLogs();
    const payloads: { pairings: string[]; discovered?: { accountId: string }[] }[] = [];
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

    expect(result).toMatchObject({ mode: 'fanout', ok: true, accounts: 4, shards: 3 }); // each shard: shared + one member
    expect(settled.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(
      payloads
        .flatMap((p) => p.discovered ?? [])
        .map((d) => d.accountId)
        .sort(),
    ).toEqual(MEMBERS);
    for (const id of MEMBERS) expect(bastionRules(emu, `sg-m${id.slice(-1)}`)).toHaveLength(1);
  });
});

describe('Resource Directory: the roles from `iam`', () => {
  it("the one member template (account *) and the declared account's policy are enough, with the joiner", async () => {
    const emu = await cloud.start(scenario);
    await directory(emu);
    await control(emu, 'directory/members', { accountId: JOINER, folderId: FOLDER });
    const iam = computeIamPlan(config(yaml()), { hubRoleArn: `acs:ram::${HUB_ACCOUNT_ID}:role/hub` });
    const roleOf = (id: string) => emu.emulator.world.accounts.get(id)?.roles.get('sg-pairing');
    for (const id of [...MEMBERS, JOINER]) roleOf(id)!.policy = iam.fleetMember?.permissionPolicy;
    roleOf(SHARED)!.policy = iam.accounts.find((a) => a.accountId === SHARED)?.permissionPolicy;

    const report = await run(config(yaml()), runtimeFor(emu));

    expect(iam.fleetMember).toMatchObject({ roleName: 'sg-pairing' });
    expect(report.ok).toBe(true);
    expect(emu.emulator.calls.records.filter((c) => c.code === 'Forbidden.RAM')).toEqual([]);
    for (const id of [...MEMBERS, JOINER]) expect(bastionRules(emu, `sg-m${id.slice(-1)}`)).toHaveLength(1);
  });
});

describe('Resource Directory: bad input', () => {
  it('a fleet side that matches nothing: a warning naming the pairing; nothing written', async () => {
    const emu = await cloud.start(scenario);
    await directory(emu);

    const report = await run(config(yaml().replace('ssh: bastion', 'ssh: bastian')), runtimeFor(emu));

    expect(report.ok).toBe(true);
    expect(report.directory?.warnings.filter(notRoute).map((w) => [w.code, w.account ?? w.pairing])).toEqual([
      ['RoleMissing', NO_ROLE],
      ['FleetMatchesNothing', 'bastion-ssh'],
    ]);
    expect(emu.emulator.calls.records.filter((c) => c.action === 'AuthorizeSecurityGroup')).toEqual([]);
  });

  it('a folder that does not exist: a warning naming it; the declared account is still paired, nothing else written', async () => {
    const emu = await cloud.start(scenario);
    await directory(emu);

    const report = await run(config(yaml('fd-nosuchfld1')), runtimeFor(emu));

    expect(report.ok).toBe(true);
    expect(report.directory?.warnings).toEqual([
      expect.objectContaining({ code: 'FolderNotFound', folderId: 'fd-nosuchfld1' }),
    ]);
    expect(report.directory?.fleet).toEqual([{ pairing: 'bastion-ssh', accounts: [SHARED] }]);
    const writes = emu.emulator.calls.records.filter((c) => c.action === 'AuthorizeSecurityGroup');
    expect(writes).toEqual([]);
  });

  it('a hub that is neither the management account nor a delegated admin: a warning; what it wrote for members stays', async () => {
    const emu = await cloud.start(scenario);
    await directory(emu);
    const reverse = yaml() + REVERSE;
    const first = await run(config(reverse), runtimeFor(emu));
    const intoBastion = () =>
      ingressRules(emu, 'sg-bastion')
        .map((r) => r.description)
        .sort();
    expect(first.ok).toBe(true);
    expect(intoBastion()).toEqual(MEMBERS.map((id) => `sg-pairing:org:members-in--${id}`));
    // the hub is now a plain member (in the root folder), the directory managed by another account
    await control(emu, 'directory/members', { accountId: HUB_ACCOUNT_ID, folderId: 'r-emu001' });
    emu.emulator.world.directory!.managementAccountId = SHARED;
    emu.emulator.calls.clear();

    const report = await run(config(reverse), runtimeFor(emu));

    expect(report.ok).toBe(true);
    expect(report.directory?.warnings).toEqual([
      expect.objectContaining({ code: 'DirectoryRefused', message: expect.stringContaining('NoPermission') }),
    ]);
    expect(report.directory?.fleet.map((f) => f.accounts)).toEqual([[SHARED], [SHARED]]);
    expect(intoBastion()).toEqual(MEMBERS.map((id) => `sg-pairing:org:members-in--${id}`));
    expect(emu.emulator.calls.records.filter((c) => c.action.startsWith('Revoke'))).toEqual([]);
  });
});
