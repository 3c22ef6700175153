import type { NormalizedPairing, PairingSide } from '../config';
import type { CanonicalRule, GroupPeer, RulePeer } from './canonical-rule';
import type { GroupFacts, RuleFacts } from './facts';
import { familyPeers, protocolsFor } from './ip-family';
import type { PairingBlock } from './pairing-block';
import { resolveReceivers, resolveSource, type AppliedStrategy } from './resolve-side';
import { markerOf, type DeploymentRef } from './rule-description';

/** One direction of a pairing: who sends, who receives. */
export interface EgressFlow {
  readonly source: PairingSide;
  readonly receiver: PairingSide;
}

export type GroupReferenceCheck = (group: GroupFacts, peer: GroupPeer, vpcId: string) => PairingBlock | undefined;

/**
 * `egress: manage`: the owned egress accept rules a direction needs, in the sending side's own
 * group(s) (the group it receives in: its group, an instance's named or first group, a tag side's
 * named group or each member's first), with the receiving side as the destination, written the way
 * ingress writes a source (a group reference, its members' addresses in the pairing's families, or
 * its cidrs). AuthorizeSecurityGroupEgress takes DestGroupId under the same rules as SourceGroupId
 * (one VPC, no enterprise group), so `checkReference` is the ingress one.
 */
export function egressFlowRules(
  pairing: NormalizedPairing,
  deployment: DeploymentRef,
  flow: EgressFlow,
  at: { readonly facts: RuleFacts; readonly strategy: AppliedStrategy; readonly checkReference: GroupReferenceCheck },
): { ok: true; rules: CanonicalRule[]; groups: GroupFacts[] } | { ok: false; block: PairingBlock } {
  const holders = resolveReceivers(flow.source, pairing.region, at.facts);
  if (!holders.ok) return holders;
  const destination = resolveSource(flow.receiver, at.strategy, pairing.region, at.facts);
  if (!destination.ok) return destination;
  const { peers } = familyPeers(pairing, destination.value.peers, destination.value.admitted);
  const rules: CanonicalRule[] = [];
  for (const group of holders.value.groups) {
    for (const peer of peers) {
      if (peer.kind === 'group' && peer.groupId === group.groupId && peer.ownerId === group.accountId) continue;
      const problem = peer.kind === 'group' ? at.checkReference(group, peer, destination.value.vpcId) : undefined;
      if (problem !== undefined) return { ok: false, block: problem };
      for (const protocol of protocolsFor(pairing, peer))
        rules.push(egressRule(pairing, deployment, group, peer, protocol));
    }
  }
  return { ok: true, rules, groups: [...holders.value.groups] };
}

function egressRule(
  pairing: NormalizedPairing,
  deployment: DeploymentRef,
  group: GroupFacts,
  peer: RulePeer,
  protocol: CanonicalRule['protocol'],
): CanonicalRule {
  return {
    groupId: group.groupId,
    accountId: group.accountId,
    protocol,
    ports: pairing.ports,
    peer,
    policy: 'accept',
    priority: pairing.priority,
    nicType: 'intranet',
    description: markerOf(deployment, pairing.name),
    direction: 'egress',
  };
}
