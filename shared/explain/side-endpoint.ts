import type { PairingSide } from '../config';
import type { ActualInstance, ActualState } from '../plan';
import { factKey, isMember, memberKey } from '../rules';
import type { Endpoint } from './pairing-explanation';

/**
 * What explain reads from: ActualState, with `memberInstances` (by memberKey) listed for group and
 * tag sides, as the explain and verify reads do; a plan's ActualState has them where it listed them.
 */
export type ExplainState = ActualState;

export function describeSide(side: PairingSide): string {
  if (side.kind === 'group') return `group ${side.securityGroupId}`;
  if (side.kind === 'tags')
    return `instances tagged ${Object.entries(side.tags)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`;
  return `instance ${side.instanceId}`;
}

export type SideResolution =
  | {
      readonly ok: true;
      readonly endpoint: Endpoint;
      readonly instance?: ActualInstance;
      readonly notes: readonly string[];
    }
  | {
      readonly ok: false;
      readonly problem: string;
      readonly code: 'NotFound' | 'NotRunning' | 'NoAddress' | 'AccountUnreadable';
      readonly instanceId?: string;
      readonly endpoint: Endpoint;
    };

/**
 * The instance that stands for a side: the instance itself, or the first Running member (by id) of
 * a group or tag side. A group side without a known member falls back on the group alone: its own
 * rules and VPC, no address.
 */
export function resolveSideEndpoint(
  side: PairingSide,
  index: 0 | 1,
  region: string,
  actual: ExplainState,
): SideResolution {
  const bare: Endpoint = {
    side: index,
    accountId: side.accountId,
    groupIds: side.kind === 'group' ? [side.securityGroupId] : [],
  };
  const failure = actual.accountFailures.find((f) => f.accountId === side.accountId);
  if (failure)
    return {
      ok: false,
      code: 'AccountUnreadable',
      problem: `account ${side.accountId} could not be read: ${failure.message}`,
      endpoint: bare,
    };
  if (side.kind === 'instance') return resolveInstance(side, index, region, actual, bare);
  return resolveMembers(side, index, region, actual, bare);
}

/** An instance side: the instance, found in the pairing's region, Running, with an address. */
function resolveInstance(
  side: Extract<PairingSide, { kind: 'instance' }>,
  index: 0 | 1,
  region: string,
  actual: ExplainState,
  bare: Endpoint,
): SideResolution {
  const instance = actual.instances[factKey(side.accountId, side.instanceId)];
  const at = { instanceId: side.instanceId, endpoint: { ...bare, instanceId: side.instanceId } };
  if (!instance)
    return {
      ok: false,
      code: 'NotFound',
      problem: `instance ${side.instanceId} of account ${side.accountId} was not found in ${region}`,
      ...at,
    };
  if (instance.regionId !== undefined && instance.regionId !== region)
    return {
      ok: false,
      code: 'NotFound',
      problem: `instance ${side.instanceId} is in ${instance.regionId}, the pairing in ${region}`,
      ...at,
    };
  const endpoint = endpointOf(instance, index);
  if (instance.status !== 'Running')
    return {
      ok: false,
      code: 'NotRunning',
      problem: `instance ${side.instanceId} is ${instance.status}, not Running`,
      instanceId: side.instanceId,
      endpoint,
    };
  if (!instance.privateIp)
    return {
      ok: false,
      code: 'NoAddress',
      problem: `instance ${side.instanceId} has no private IP address`,
      instanceId: side.instanceId,
      endpoint,
    };
  return { ok: true, endpoint, instance, notes: [] };
}

/** A group or tag side: its first Running member by id; a group without one falls back on the group alone. */
function resolveMembers(
  side: Exclude<PairingSide, { kind: 'instance' }>,
  index: 0 | 1,
  region: string,
  actual: ExplainState,
  bare: Endpoint,
): SideResolution {
  const member = (actual.memberInstances?.[memberKey(side)] ?? [])
    .filter(isMember)
    .sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1))[0];
  if (member)
    return {
      ok: true,
      endpoint: endpointOf(member, index),
      instance: member,
      notes: [`${describeSide(side)} is represented by its member ${member.instanceId} (${member.privateIp})`],
    };
  if (side.kind === 'group') {
    const group = actual.groups[factKey(side.accountId, side.securityGroupId)];
    if (!group)
      return {
        ok: false,
        code: 'NotFound',
        problem: `security group ${side.securityGroupId} of account ${side.accountId} was not found in ${region}`,
        endpoint: bare,
      };
    const note = `${describeSide(side)} has no known Running member: its own rules are evaluated, without an address and without the other groups a member may be in`;
    return { ok: true, endpoint: { ...bare, vpcId: group.vpcId }, notes: [note] };
  }
  return {
    ok: false,
    code: 'NotFound',
    problem: `no Running instance of account ${side.accountId} carries the tags of ${describeSide(side)}`,
    endpoint: bare,
  };
}

function endpointOf(instance: ActualInstance, index: 0 | 1): Endpoint {
  return {
    side: index,
    accountId: instance.accountId,
    instanceId: instance.instanceId,
    ...(instance.privateIp ? { ip: instance.privateIp } : {}),
    vpcId: instance.vpcId,
    groupIds: instance.securityGroupIds,
  };
}
