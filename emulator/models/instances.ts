import { apiError } from '../errors/api-errors';
import { allocateIps } from './ip-allocation';
import { isoMinutes, type Scope } from './scope';
import { findGroup } from './security-groups';
import type { Instance, InstanceStatus, World } from './world';

/** The caller's own instance in the requested region, or InvalidInstanceId.NotFound (404). */
export function findInstance(scope: Scope, instanceId: string): Instance {
  const i = scope.world.instances.get(instanceId);
  if (!i || i.owner !== scope.account || i.region !== scope.region) throw apiError('InvalidInstanceId.NotFound');
  return i;
}

export interface InstanceFilter {
  ids?: string[];
  vpcId?: string;
  vSwitchId?: string;
  zoneId?: string;
  securityGroupId?: string;
  status?: string;
  name?: string;
  privateIps?: string[];
  /** every tag must be present; a tag without value matches any value */
  tags?: { key: string; value?: string }[];
}

/** DescribeInstances: the caller's instances in the region passing every filter, by id. */
export function listInstances(scope: Scope, f: InstanceFilter): Instance[] {
  return [...scope.world.instances.values()]
    .filter((i) => i.owner === scope.account && i.region === scope.region)
    .filter((i) => !f.ids || f.ids.includes(i.id))
    .filter((i) => f.vpcId === undefined || i.vpcId === f.vpcId)
    .filter((i) => f.vSwitchId === undefined || i.vSwitchId === f.vSwitchId)
    .filter((i) => f.zoneId === undefined || i.zoneId === f.zoneId)
    .filter((i) => f.securityGroupId === undefined || i.securityGroupIds.includes(f.securityGroupId))
    .filter((i) => f.status === undefined || i.status === f.status)
    .filter((i) => f.name === undefined || i.name === f.name)
    .filter((i) => !f.privateIps || f.privateIps.includes(i.privateIp))
    .filter((i) => (f.tags ?? []).every((t) => t.key in i.tags && (t.value === undefined || i.tags[t.key] === t.value)))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export interface Launch {
  securityGroupId?: string;
  securityGroupIds: string[];
  vpcId?: string;
  vSwitchId?: string;
  zoneId?: string;
  amount?: number;
  privateIp?: string;
  name?: string;
  hostName?: string;
  tags: { key: string; value: string }[];
}

const NAME = /^(?!https?:\/\/)[A-Za-z\u4e00-\u9fa5][\w\u4e00-\u9fa5:.-]{1,127}$/;

/**
 * RunInstances: `amount` instances in the VPC of their security groups, each with the lowest free
 * private IP (or the requested one), Running at once — or Pending without an IP while
 * `world.launchWithoutIp` is set. Nothing is created unless every check passes.
 */
export function runInstances(scope: Scope, launch: Launch): Instance[] {
  const amount = launch.amount ?? 1;
  if (!Number.isInteger(amount) || amount < 1 || amount > 100)
    throw apiError('InvalidParameter', 'The specified parameter "Amount" is not valid.');
  if (launch.securityGroupId !== undefined && launch.securityGroupIds.length > 0) {
    throw apiError('InvalidParameter', 'SecurityGroupId and SecurityGroupIds.N cannot both be specified.');
  }
  const groupIds = [
    ...new Set(launch.securityGroupId !== undefined ? [launch.securityGroupId] : launch.securityGroupIds),
  ];
  if (groupIds.length === 0)
    throw apiError(
      'MissingParameter',
      'The input parameter "SecurityGroupId" that is mandatory for processing this request is not supplied.',
    );
  if (groupIds.length > scope.world.maxGroupsPerInstance) throw apiError('InstanceSecurityGroupLimitExceeded');
  const groups = groupIds.map((id) => findGroup(scope, id));
  const vpcId = groups[0].vpcId;
  if (vpcId === '')
    throw apiError('OperationDenied', 'Classic-network instances cannot be created; use a VPC security group.');
  if (groups.some((g) => g.vpcId !== vpcId) || (launch.vpcId !== undefined && launch.vpcId !== vpcId)) {
    throw apiError('InvalidParameter.Mismatch', 'The specified security groups are not in the same VPC.');
  }
  const vpc = scope.world.vpcs.get(vpcId);
  if (!vpc || !scope.world.vpcUsableBy(vpc, scope.account)) throw apiError('InvalidVpcId.NotFound');
  if (launch.name !== undefined && !NAME.test(launch.name)) throw apiError('InvalidInstanceName.Malformed');
  for (const t of launch.tags) {
    if (!t.key || t.key.length > 128 || /^(aliyun|acs:)/i.test(t.key)) throw apiError('InvalidTagKey.Malformed');
  }
  if (launch.privateIp !== undefined && amount > 1) {
    throw apiError('InvalidParameter', 'PrivateIpAddress can only be given when Amount is 1.');
  }
  const pending = scope.world.launchWithoutIp;
  const ips = pending ? [] : allocateIps(scope.world, vpc, amount, launch.privateIp);
  const created: Instance[] = [];
  for (let k = 0; k < amount; k += 1) {
    const id = scope.world.nextId('i-');
    const instance: Instance = {
      id,
      owner: scope.account,
      region: scope.region,
      zoneId: launch.zoneId ?? `${scope.region}-b`,
      vpcId,
      vSwitchId: launch.vSwitchId ?? '',
      privateIp: pending ? '' : ips[k],
      securityGroupIds: [...groupIds],
      tags: Object.fromEntries(launch.tags.map((t) => [t.key, t.value])),
      status: pending ? 'Pending' : 'Running',
      name: launch.name ?? id,
      ...(launch.hostName !== undefined && { hostName: launch.hostName }),
      creationTime: isoMinutes(scope.now),
    };
    scope.world.instances.set(id, instance);
    created.push(instance);
  }
  return created;
}

/**
 * Completes a launch held back by `world.launchWithoutIp`: assigns the lowest free IP and makes the
 * instance Running. For the scenario/control side; the caller records the state change.
 */
export function finishLaunch(world: World, instance: Instance): Instance {
  if (instance.privateIp === '') {
    const vpc = world.vpcs.get(instance.vpcId);
    if (!vpc) throw apiError('InvalidVpcId.NotFound');
    instance.privateIp = allocateIps(world, vpc, 1)[0];
  }
  instance.status = 'Running';
  return instance;
}

/** DeleteInstance: a Stopped instance goes; any other needs Force. */
export function deleteInstance(scope: Scope, instanceId: string, force: boolean): Instance {
  const instance = findInstance(scope, instanceId);
  if (instance.status !== 'Stopped' && !force) throw apiError('IncorrectInstanceStatus');
  scope.world.instances.delete(instance.id);
  return instance;
}

/** StartInstance / StopInstance: Stopped → Running and Running → Stopped; anything else is refused. */
export function changeInstanceStatus(
  scope: Scope,
  instanceId: string,
  from: InstanceStatus,
  to: InstanceStatus,
): Instance {
  const instance = findInstance(scope, instanceId);
  if (instance.status !== from) throw apiError('IncorrectInstanceStatus');
  instance.status = to;
  return instance;
}
