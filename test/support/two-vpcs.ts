// Two accounts, each with its own VPC: group references cannot cross, so `auto` pairs by address.
// The world is changed the way users change it, through the real ECS SDK as each account.
import * as $Ecs from '@alicloud/ecs20140526';
import type { CloudEvent } from '../../emulator';
import { ecsClient } from './clients';
import { rt } from './ecs-calls';
import type { RunningEmulator } from './emulator-access';
import { REGION } from './world-builder';
import { HUB_ACCOUNT_ID, ACCOUNT_A_ID, ACCOUNT_B_ID, HUB_CREDENTIALS, ACCOUNT_CREDENTIALS } from './identities';

/** hub, a and b as in the example scenario; vpc-a (a) and vpc-b (b), one web and one db instance. */
export function twoVpcScenario(
  extra: { rulesIn?: Record<string, unknown[]>; limits?: Record<string, number> } = {},
): Record<string, unknown> {
  const role = { name: 'sg-pairing', trust: [HUB_ACCOUNT_ID] };
  return {
    region: REGION,
    ...(extra.limits ? { limits: extra.limits } : {}),
    accounts: [
      {
        id: HUB_ACCOUNT_ID,
        name: 'hub@aliyun.com',
        accessKeys: [{ id: HUB_CREDENTIALS.accessKeyId, secret: HUB_CREDENTIALS.accessKeySecret }],
      },
      {
        id: ACCOUNT_A_ID,
        name: 'a@aliyun.com',
        accessKeys: [
          {
            id: ACCOUNT_CREDENTIALS[ACCOUNT_A_ID].accessKeyId,
            secret: ACCOUNT_CREDENTIALS[ACCOUNT_A_ID].accessKeySecret,
          },
        ],
        roles: [role],
      },
      {
        id: ACCOUNT_B_ID,
        name: 'b@aliyun.com',
        accessKeys: [
          {
            id: ACCOUNT_CREDENTIALS[ACCOUNT_B_ID].accessKeyId,
            secret: ACCOUNT_CREDENTIALS[ACCOUNT_B_ID].accessKeySecret,
          },
        ],
        roles: [role],
      },
    ],
    vpcs: [
      { id: 'vpc-a', owner: ACCOUNT_A_ID, cidr: '10.0.0.0/16' },
      { id: 'vpc-b', owner: ACCOUNT_B_ID, cidr: '10.1.0.0/16' },
    ],
    securityGroups: [
      { id: 'sg-web', owner: ACCOUNT_A_ID, vpc: 'vpc-a', rules: extra.rulesIn?.['sg-web'] ?? [] },
      { id: 'sg-web2', owner: ACCOUNT_A_ID, vpc: 'vpc-a' },
      { id: 'sg-db', owner: ACCOUNT_B_ID, vpc: 'vpc-b', rules: extra.rulesIn?.['sg-db'] ?? [] },
    ],
    instances: [
      {
        id: 'i-web1',
        owner: ACCOUNT_A_ID,
        vpc: 'vpc-a',
        privateIp: '10.0.0.10',
        securityGroups: ['sg-web'],
        tags: { role: 'web' },
      },
      { id: 'i-db1', owner: ACCOUNT_B_ID, vpc: 'vpc-b', privateIp: '10.1.0.10', securityGroups: ['sg-db'] },
    ],
  };
}

/**
 * web-db: the two groups, auto (addresses, the VPCs differ); cache: instances tagged role=cache in
 * a reach the db group on 6379 (one way).
 */
export const TWO_VPC_YAML = `version: 1
name: demo
region: ${REGION}
accounts:
  a: { id: "${ACCOUNT_A_ID}" }
  b: { id: "${ACCOUNT_B_ID}" }
pairings:
  - name: web-db
    between: [{ account: a, securityGroup: sg-web }, { account: b, securityGroup: sg-db }]
    protocol: tcp
    ports: 5432/5432
  - name: cache
    between: [{ account: a, tags: { role: cache } }, { account: b, securityGroup: sg-db }]
    direction: first-to-second
    protocol: tcp
    ports: 6379/6379
`;

const ecs = (emu: RunningEmulator, account: string) => ecsClient(emu.url, ACCOUNT_CREDENTIALS[account]);

export async function launch(
  emu: RunningEmulator,
  account: string,
  securityGroupId: string,
  amount: number,
  tags: Record<string, string> = {},
): Promise<string[]> {
  const tag = Object.entries(tags).map(([key, value]) => new $Ecs.RunInstancesRequestTag({ key, value }));
  const res = await ecs(emu, account).runInstancesWithOptions(
    new $Ecs.RunInstancesRequest({
      regionId: REGION,
      securityGroupId,
      amount,
      instanceType: 'ecs.g7.large',
      imageId: 'aliyun_3_x64',
      tag,
    }),
    rt,
  );
  return res.body?.instanceIdSets?.instanceIdSet ?? [];
}

export async function release(emu: RunningEmulator, account: string, instanceId: string): Promise<void> {
  await ecs(emu, account).deleteInstanceWithOptions(new $Ecs.DeleteInstanceRequest({ instanceId, force: true }), rt);
}

export async function tag(
  emu: RunningEmulator,
  account: string,
  instanceId: string,
  tags: Record<string, string>,
): Promise<void> {
  const tag = Object.entries(tags).map(([key, value]) => new $Ecs.TagResourcesRequestTag({ key, value }));
  await ecs(emu, account).tagResourcesWithOptions(
    new $Ecs.TagResourcesRequest({ regionId: REGION, resourceType: 'instance', resourceId: [instanceId], tag }),
    rt,
  );
}

export async function untag(emu: RunningEmulator, account: string, instanceId: string, keys: string[]): Promise<void> {
  await ecs(emu, account).untagResourcesWithOptions(
    new $Ecs.UntagResourcesRequest({
      regionId: REGION,
      resourceType: 'instance',
      resourceId: [instanceId],
      tagKey: keys,
    }),
    rt,
  );
}

export async function join(
  emu: RunningEmulator,
  account: string,
  instanceId: string,
  securityGroupId: string,
): Promise<void> {
  await ecs(emu, account).joinSecurityGroupWithOptions(
    new $Ecs.JoinSecurityGroupRequest({ regionId: REGION, instanceId, securityGroupId }),
    rt,
  );
}

export async function leave(
  emu: RunningEmulator,
  account: string,
  instanceId: string,
  securityGroupId: string,
): Promise<void> {
  await ecs(emu, account).leaveSecurityGroupWithOptions(
    new $Ecs.LeaveSecurityGroupRequest({ regionId: REGION, instanceId, securityGroupId }),
    rt,
  );
}

/** The events the emulator emitted since the last clear, then cleared: what EventBridge would deliver. */
export function takeEvents(emu: RunningEmulator): CloudEvent[] {
  const events = [...emu.emulator.events.events];
  emu.emulator.events.clear();
  return events;
}

/** A group's ingress rules as `<protocol> <ports> <source> <description>`, sorted. */
export function ruleLines(emu: RunningEmulator, groupId: string): string[] {
  const group = emu.emulator.world.groups.get(groupId);
  if (!group) throw new Error(`no group ${groupId}`);
  return group.rules
    .filter((r) => r.direction === 'ingress')
    .map(
      (r) =>
        `${r.ipProtocol} ${r.portRange} ${r.sourceCidrIp || `${r.sourceGroupId}@${r.sourceGroupOwnerId}`} p${r.priority} ${r.description}`,
    )
    .sort();
}

/** The private IP of an emulator instance. */
export const ipOf = (emu: RunningEmulator, instanceId: string): string =>
  emu.emulator.world.instances.get(instanceId)?.privateIp ?? '';
