import type { InstanceSide, PairingSide } from '../config';
import type { CidrPeer, GroupPeer } from './canonical-rule';
import { factKey, type GroupFacts, type InstanceFacts, type RuleFacts } from './facts';
import { block, type PairingBlock } from './pairing-block';

export type Resolution<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly block: PairingBlock };

/** What a side looks like as the source of traffic: a peer to put in the other side's rule. */
export interface SourceEndpoint {
  readonly peer: CidrPeer | GroupPeer;
  readonly vpcId: string;
}

const ok = <T>(value: T): Resolution<T> => ({ ok: true, value });
const blocked = <T>(b: PairingBlock): Resolution<T> => ({ ok: false, block: b });

function lookupInstance(side: InstanceSide, region: string, facts: RuleFacts): Resolution<InstanceFacts> {
  const at = { accountId: side.accountId, instanceId: side.instanceId };
  const instance = facts.instances[factKey(side.accountId, side.instanceId)];
  if (instance === undefined) return blocked(block('InstanceNotFound', `instance ${side.instanceId} of account ${side.accountId} was not found in ${region}`, at));
  if (instance.regionId !== undefined && instance.regionId !== region) {
    return blocked(block('RegionMismatch', `instance ${side.instanceId} is in ${instance.regionId}, the pairing is in ${region}`, at));
  }
  if (instance.status !== 'Running') return blocked(block('InstanceNotRunning', `instance ${side.instanceId} is ${instance.status}, not Running`, at));
  if (instance.privateIp === undefined || instance.privateIp === '') {
    return blocked(block('InstanceWithoutPrivateIp', `instance ${side.instanceId} has no private IP address`, at));
  }
  return ok(instance);
}

export function lookupGroup(accountId: string, groupId: string, region: string, facts: RuleFacts): Resolution<GroupFacts> {
  const at = { accountId, groupId };
  const group = facts.groups[factKey(accountId, groupId)];
  if (group === undefined) return blocked(block('GroupNotFound', `security group ${groupId} of account ${accountId} was not found in ${region}`, at));
  if (group.regionId !== undefined && group.regionId !== region) {
    return blocked(block('RegionMismatch', `security group ${groupId} is in ${group.regionId}, the pairing is in ${region}`, at));
  }
  return ok(group);
}

/** An instance side sends from its primary private IP (/32); a group side by group reference. */
export function resolveSource(side: PairingSide, region: string, facts: RuleFacts): Resolution<SourceEndpoint> {
  if (side.kind === 'instance') {
    const instance = lookupInstance(side, region, facts);
    if (!instance.ok) return instance;
    return ok({ peer: { kind: 'cidr', cidr: `${instance.value.privateIp}/32` }, vpcId: instance.value.vpcId });
  }
  const group = lookupGroup(side.accountId, side.securityGroupId, region, facts);
  if (!group.ok) return group;
  return ok({ peer: { kind: 'group', groupId: side.securityGroupId, ownerId: side.accountId }, vpcId: group.value.vpcId });
}

/** The group that holds the rules a side receives: the group itself, or the instance's receiving group. */
export function resolveReceiver(side: PairingSide, region: string, facts: RuleFacts): Resolution<GroupFacts> {
  if (side.kind === 'group') return lookupGroup(side.accountId, side.securityGroupId, region, facts);
  const instance = lookupInstance(side, region, facts);
  if (!instance.ok) return instance;
  const at = { accountId: side.accountId, instanceId: side.instanceId };
  const groups = instance.value.securityGroupIds;
  const groupId = side.securityGroupId ?? groups[0];
  if (groupId === undefined) return blocked(block('InstanceWithoutGroup', `instance ${side.instanceId} is in no security group`, at));
  if (!groups.includes(groupId)) {
    return blocked(block('InstanceNotInGroup', `instance ${side.instanceId} is not in security group ${groupId} (it is in ${groups.join(', ')})`, { ...at, groupId }));
  }
  return lookupGroup(side.accountId, groupId, region, facts);
}
