import type { InstanceSide, PairingSide, TagSide } from '../config';
import { admitMemberAddresses, type RefusedAddress } from './admit-member-addresses';
import type { CidrPeer, GroupPeer } from './canonical-rule';
import { factKey, isMember, memberKey, type GroupFacts, type InstanceFacts, type RuleFacts } from './facts';
import { block, type PairingBlock } from './pairing-block';

export type Resolution<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly block: PairingBlock };

/**
 * How a pairing's sending sides are written into the other side's rules, once decided:
 * group: a group side by reference (SourceGroupId); addresses: a group side by one /32 per member;
 * cidr: every side by its configured `cidrs`. Instance and tag sides send from their members'
 * addresses under group and addresses alike. prefix-list: the members' addresses (as addresses
 * gives them) go into one owned prefix list per sending side, referenced by one rule per receiving group.
 */
export type AppliedStrategy = 'group' | 'addresses' | 'cidr' | 'prefix-list';

/** What a side looks like as the source of traffic: the peers to put in the other side's rules. */
export interface SourceEndpoint {
  /** one group peer, or one CIDR peer per address or range; may be empty (a selection with no member) */
  readonly peers: readonly (CidrPeer | GroupPeer)[];
  /** the VPC of the source group ('' for classic or when not a group reference) */
  readonly vpcId: string;
  /** the side's own group, for a group side: its members are covered by the group's inner access */
  readonly groupId?: string;
  /** members whose address may not be opened (AddressNotAllowed): left out of `peers` */
  readonly refused?: readonly RefusedAddress[];
  /** sending by address: the members whose address was admitted (their IPv6 addresses may be opened too) */
  readonly admitted?: readonly InstanceFacts[];
}

/** The groups that hold the rules a side receives, and the receiving groups that were not found. */
export interface ReceiverEndpoint {
  readonly groups: readonly GroupFacts[];
  /** members' first groups that were not found (deleted between the reads): skipped */
  readonly missing: readonly { readonly accountId: string; readonly groupId: string }[];
}

const ok = <T>(value: T): Resolution<T> => ({ ok: true, value });
const blocked = <T>(b: PairingBlock): Resolution<T> => ({ ok: false, block: b });

function lookupInstance(side: InstanceSide, region: string, facts: RuleFacts): Resolution<InstanceFacts> {
  const at = { accountId: side.accountId, instanceId: side.instanceId };
  const instance = facts.instances[factKey(side.accountId, side.instanceId)];
  if (instance === undefined)
    return blocked(
      block(
        'InstanceNotFound',
        `instance ${side.instanceId} of account ${side.accountId} was not found in ${region}`,
        at,
      ),
    );
  if (instance.regionId !== undefined && instance.regionId !== region) {
    return blocked(
      block(
        'RegionMismatch',
        `instance ${side.instanceId} is in ${instance.regionId}, the pairing is in ${region}`,
        at,
      ),
    );
  }
  if (instance.status !== 'Running')
    return blocked(block('InstanceNotRunning', `instance ${side.instanceId} is ${instance.status}, not Running`, at));
  if (instance.privateIp === undefined || instance.privateIp === '') {
    return blocked(block('InstanceWithoutPrivateIp', `instance ${side.instanceId} has no private IP address`, at));
  }
  return ok(instance);
}

export function lookupGroup(
  accountId: string,
  groupId: string,
  region: string,
  facts: RuleFacts,
): Resolution<GroupFacts> {
  const at = { accountId, groupId };
  const group = facts.groups[factKey(accountId, groupId)];
  if (group === undefined)
    return blocked(
      block('GroupNotFound', `security group ${groupId} of account ${accountId} was not found in ${region}`, at),
    );
  if (group.regionId !== undefined && group.regionId !== region) {
    return blocked(
      block('RegionMismatch', `security group ${groupId} is in ${group.regionId}, the pairing is in ${region}`, at),
    );
  }
  return ok(group);
}

/** The members of a group or tag side now (Running, with an IP), sorted by instance id. */
export function lookupMembers(
  side: Extract<PairingSide, { kind: 'group' | 'tags' }>,
  facts: RuleFacts,
): Resolution<InstanceFacts[]> {
  const listed = facts.memberInstances?.[memberKey(side)];
  if (listed === undefined) {
    const what = side.kind === 'group' ? `security group ${side.securityGroupId}` : `tags ${describeTags(side)}`;
    return blocked(
      block('MembersNotRead', `the instances of ${what} in account ${side.accountId} were not listed`, {
        accountId: side.accountId,
      }),
    );
  }
  return ok(
    listed.filter(isMember).sort((a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0)),
  );
}

export function describeTags(side: TagSide): string {
  return Object.entries(side.tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/**
 * A group or tag side as the source of its owned prefix list, from its members alone (the group
 * itself not read: an event run of a prefix-list pairing, see listOnlyPairings): one /32 per
 * admitted member, as resolveSource gives them under addresses.
 */
export function resolveMemberAddresses(
  side: Extract<PairingSide, { kind: 'group' | 'tags' }>,
  facts: RuleFacts,
): Resolution<SourceEndpoint> {
  const members = lookupMembers(side, facts);
  if (!members.ok) return members;
  const groupId = side.kind === 'group' ? { groupId: side.securityGroupId } : {};
  return ok({ ...addressPeers(side, members.value, facts), vpcId: '', ...groupId });
}

/** One /32 per admitted member (each address once, sorted), and the members refused (admitMemberAddresses). */
function addressPeers(
  side: PairingSide,
  instances: readonly InstanceFacts[],
  facts: RuleFacts,
): { peers: CidrPeer[]; refused?: RefusedAddress[]; admitted: InstanceFacts[] } {
  const { admitted, refused } = admitMemberAddresses(side, instances, facts);
  const peers = [...new Set(admitted.map((i) => `${i.privateIp}/32`))]
    .sort()
    .map((cidr): CidrPeer => ({ kind: 'cidr', cidr }));
  return refused.length === 0 ? { peers, admitted } : { peers, refused, admitted };
}

/**
 * A side as the source of traffic under the applied strategy: its configured ranges (cidr), its
 * group by reference (a group side under group), or the /32 of each member or of the instance.
 */
export function resolveSource(
  side: PairingSide,
  strategy: AppliedStrategy,
  region: string,
  facts: RuleFacts,
): Resolution<SourceEndpoint> {
  const groupId = side.kind === 'group' ? { groupId: side.securityGroupId } : {};
  if (strategy === 'cidr')
    return ok({ peers: (side.cidrs ?? []).map((cidr): CidrPeer => ({ kind: 'cidr', cidr })), vpcId: '', ...groupId });
  switch (side.kind) {
    case 'instance': {
      const instance = lookupInstance(side, region, facts);
      if (!instance.ok) return instance;
      return ok({ ...addressPeers(side, [instance.value], facts), vpcId: instance.value.vpcId });
    }
    case 'tags': {
      const members = lookupMembers(side, facts);
      if (!members.ok) return members;
      return ok({ ...addressPeers(side, members.value, facts), vpcId: '' });
    }
    case 'group': {
      const group = lookupGroup(side.accountId, side.securityGroupId, region, facts);
      if (!group.ok) return group;
      if (strategy === 'group')
        return ok({
          peers: [{ kind: 'group', groupId: side.securityGroupId, ownerId: side.accountId }],
          vpcId: group.value.vpcId,
          ...groupId,
        });
      const members = lookupMembers(side, facts);
      if (!members.ok) return members;
      return ok({ ...addressPeers(side, members.value, facts), vpcId: group.value.vpcId, ...groupId });
    }
  }
}

/**
 * The groups that hold the rules a side receives: the group itself; an instance's named or first
 * group; a tag side's named group, else each member's first group (sorted, each once).
 */
export function resolveReceivers(side: PairingSide, region: string, facts: RuleFacts): Resolution<ReceiverEndpoint> {
  const one = (r: Resolution<GroupFacts>): Resolution<ReceiverEndpoint> =>
    r.ok ? ok({ groups: [r.value], missing: [] }) : r;
  if (side.kind === 'group') return one(lookupGroup(side.accountId, side.securityGroupId, region, facts));
  if (side.kind === 'instance') return one(resolveInstanceReceiver(side, region, facts));
  if (side.securityGroupId !== undefined) return one(lookupGroup(side.accountId, side.securityGroupId, region, facts));
  const members = lookupMembers(side, facts);
  if (!members.ok) return members;
  const groupIds = [
    ...new Set(members.value.map((i) => i.securityGroupIds[0]).filter((g): g is string => g !== undefined)),
  ].sort();
  const groups: GroupFacts[] = [];
  const missing: { accountId: string; groupId: string }[] = [];
  for (const groupId of groupIds) {
    const group = lookupGroup(side.accountId, groupId, region, facts);
    if (group.ok) groups.push(group.value);
    else missing.push({ accountId: side.accountId, groupId });
  }
  return ok({ groups, missing });
}

function resolveInstanceReceiver(side: InstanceSide, region: string, facts: RuleFacts): Resolution<GroupFacts> {
  const instance = lookupInstance(side, region, facts);
  if (!instance.ok) return instance;
  const at = { accountId: side.accountId, instanceId: side.instanceId };
  const groups = instance.value.securityGroupIds;
  const groupId = side.securityGroupId ?? groups[0];
  if (groupId === undefined)
    return blocked(block('InstanceWithoutGroup', `instance ${side.instanceId} is in no security group`, at));
  if (!groups.includes(groupId)) {
    return blocked(
      block(
        'InstanceNotInGroup',
        `instance ${side.instanceId} is not in security group ${groupId} (it is in ${groups.join(', ')})`,
        { ...at, groupId },
      ),
    );
  }
  return lookupGroup(side.accountId, groupId, region, facts);
}
