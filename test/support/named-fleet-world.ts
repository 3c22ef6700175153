import { expect } from 'vitest';
import * as $Ecs from '@alicloud/ecs20140526';
import * as $dara from '@darabonba/typescript';
import type { RunningEmulator } from './emulator-access';
import { ecsClient } from './clients';
import { HUB_ACCOUNT_ID } from './identities';
import { hubScenarioAccount, memberScenarioAccount } from './directory-accounts';

/**
 * A Resource Directory world with a fleet side by name: the declared account SHARED keeps the jump
 * hosts' group sg-hub (instance i-hub); each member M1..M3 (discovered in FOLDER) keeps a group named
 * `bastion` (sg-b1..sg-b3) with one instance (i-b1..i-b3). Every role trusts the hub. The pairing
 * `jump` lets sg-hub reach every account's bastion group on 22/tcp. Shared by the tests of issue 13's
 * event route coverage, fleet names in explain/verify, and an event batch's group lookups.
 */
export const SHARED = '4000000000000001';
export const MEMBERS = ['5000000000000001', '5000000000000002', '5000000000000003'] as const;
export const FOLDER = 'fd-prodfold01';

const account = (id: string) => memberScenarioAccount(id);
const n = (id: string) => id.slice(-1);

export const namedFleetScenario = {
  region: 'cn-qingdao',
  accounts: [hubScenarioAccount(), account(SHARED), ...MEMBERS.map(account)],
  vpcs: [{ id: 'vpc-org', owner: SHARED, cidr: '10.8.0.0/16', sharedWith: [...MEMBERS] }],
  securityGroups: [
    { id: 'sg-hub', owner: SHARED, vpc: 'vpc-org', type: 'normal', name: 'jump-hosts' },
    ...MEMBERS.map((id) => ({ id: `sg-b${n(id)}`, owner: id, vpc: 'vpc-org', type: 'normal', name: 'bastion' })),
  ],
  instances: [
    { id: 'i-hub', owner: SHARED, vpc: 'vpc-org', privateIp: '10.8.0.10', securityGroups: ['sg-hub'] },
    ...MEMBERS.map((id) => ({
      id: `i-b${n(id)}`,
      owner: id,
      vpc: 'vpc-org',
      privateIp: `10.8.1.${n(id)}`,
      securityGroups: [`sg-b${n(id)}`],
    })),
  ],
};

/** The config: SHARED declared (and `extra` accounts lines), the directory's FOLDER, the fleet pairing `jump`. */
export const namedFleetYaml = (extraAccounts = '') => `version: 1
name: org
region: cn-qingdao
accounts:
  shared: { id: "${SHARED}" }
${extraAccounts}resourceDirectory:
  folderIds: [${FOLDER}]
pairings:
  - name: jump
    direction: first-to-second
    protocol: tcp
    ports: 22/22
    between:
      - { account: shared, securityGroup: sg-hub }
      - { account: "*", securityGroupName: bastion }
`;

async function control(emu: RunningEmulator, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${emu.url}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The hub manages the directory; M1..M3 are in FOLDER; every other account's events are routed to the hub. */
export async function namedFleetDirectory(emu: RunningEmulator): Promise<void> {
  await control(emu, 'directory', {
    managementAccountId: HUB_ACCOUNT_ID,
    folders: [{ id: FOLDER, name: 'prod' }],
    members: MEMBERS.map((accountId) => ({ accountId, folderId: FOLDER })),
  });
  emu.emulator.events.delivery = { ...emu.emulator.events.delivery, hubAccountId: HUB_ACCOUNT_ID };
}

/** One instance run in `account`'s group (a real RunInstances): its ActionTrail record, as delivered to the hub. */
export async function runInstanceIn(emu: RunningEmulator, account: string, groupId: string): Promise<Buffer> {
  emu.emulator.events.clear();
  await ecsClient(emu.url, {
    accessKeyId: `AK${account}`,
    accessKeySecret: `secret-${account}`,
  }).runInstancesWithOptions(
    new $Ecs.RunInstancesRequest({
      regionId: 'cn-qingdao',
      securityGroupId: groupId,
      amount: 1,
      instanceType: 'ecs.g7.large',
      imageId: 'aliyun_3_x64',
    }),
    new $dara.RuntimeOptions({}),
  );
  const [event] = emu.emulator.events.ofType('ecs:ActionTrail:ApiCall');
  return Buffer.from(JSON.stringify(event));
}

/** The name lookups made (DescribeSecurityGroups with SecurityGroupName), by account, sorted. */
export const nameLookups = (emu: RunningEmulator) =>
  emu.emulator.calls.records
    .filter((c) => c.action === 'DescribeSecurityGroups' && c.params.SecurityGroupName)
    .map((c) => c.account)
    .sort();
