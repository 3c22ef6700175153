import type { NormalizedPairing, PairingSide } from '../config';
import type { RulePeer } from './canonical-rule';
import type { GroupFacts, RuleFacts } from './facts';
import { block, type PairingBlock } from './pairing-block';
import {
  findOwnedList,
  pendingPrefixListId,
  prefixListDescription,
  PREFIX_LIST_MAX_ENTRIES,
  type DesiredPrefixList,
} from './prefix-list-rules';
import type { SourceEndpoint } from './resolve-side';
import type { DeploymentRef } from './rule-description';

/** The owned list one sending side of a prefix-list pairing wants: its members' addresses, in the side's account. */
export function desiredListOf(
  pairing: NormalizedPairing,
  deployment: DeploymentRef,
  sourceSide: PairingSide,
  source: SourceEndpoint,
  facts: RuleFacts,
): DesiredPrefixList {
  const name = typeof deployment === 'string' ? deployment : deployment.name;
  const description = prefixListDescription(name, pairing.region, sourceSide);
  const owned = findOwnedList(facts.prefixLists, sourceSide.accountId, description);
  const entries = source.peers.flatMap((p) => (p.kind === 'cidr' ? [p.cidr] : [])).sort();
  return {
    accountId: sourceSide.accountId,
    description,
    family: 'IPv4',
    entries,
    ...(owned === undefined ? {} : { prefixListId: owned.prefixListId }),
  };
}

/** The peer of the one rule each receiving group holds: the list's id, or its pending id until apply creates it. */
export function listPeer(list: DesiredPrefixList): RulePeer {
  return { kind: 'prefix-list', prefixListId: list.prefixListId ?? pendingPrefixListId(list.description) };
}

/**
 * Whether a receiving group can reference the list: a VPC group (classic groups take no prefix
 * list) of the list's own account, and a side with no more members than a list can hold.
 */
export function checkListReceiver(group: GroupFacts, list: DesiredPrefixList): PairingBlock | undefined {
  const at = { accountId: group.accountId, groupId: group.groupId };
  if (group.vpcId === '')
    return block(
      'PrefixListClassicGroup',
      `security group ${group.groupId} is a classic-network group, which cannot reference a prefix list: use strategy addresses (or migrate the group to a VPC)`,
      at,
    );
  if (group.accountId !== list.accountId)
    return block(
      'PrefixListCrossAccount',
      `security group ${group.groupId} of account ${group.accountId} cannot reference a prefix list of account ${list.accountId}: use strategy addresses`,
      at,
    );
  if (list.entries.length > PREFIX_LIST_MAX_ENTRIES)
    return block(
      'PrefixListTooManyMembers',
      `the sending side has ${list.entries.length} members, more than a prefix list holds (${PREFIX_LIST_MAX_ENTRIES}): use strategy addresses (or split the side)`,
      at,
    );
  return undefined;
}
