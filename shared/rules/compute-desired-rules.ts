import type { NormalizedConfig, NormalizedPairing, PairingSide } from '../config';
import { ADDRESS_NOT_ALLOWED, describeRefusedAddress } from './admit-member-addresses';
import type { CanonicalRule, GroupPeer, RuleProtocol, RulePeer } from './canonical-rule';
import { describeWithoutIpv6, familyPeers, instanceWithoutIpv6, NO_IPV6_ADDRESS, protocolsFor } from './ip-family';
import { factKey, type GroupFacts, type RuleFacts } from './facts';
import { egressFlowRules } from './egress-rules';
import { block, type PairingBlock } from './pairing-block';
import {
  describeTags,
  resolveReceivers,
  resolveSource,
  type AppliedStrategy,
  type ReceiverEndpoint,
  type SourceEndpoint,
} from './resolve-side';
import { checkListReceiver, desiredListOf, listPeer } from './prefix-list-flow';
import type { DesiredPrefixList } from './prefix-list-rules';
import { markerOf, type DeploymentRef } from './rule-description';
import { compareRules, ruleKey } from './rule-key';

/** Something worth telling about a pairing that does not block it. */
export interface PairingNote {
  readonly code: string;
  readonly message: string;
  readonly accountId?: string;
  readonly groupId?: string;
}

export type PairingRules =
  | {
      readonly pairing: string;
      readonly ok: true;
      readonly rules: readonly CanonicalRule[];
      readonly notes: readonly PairingNote[];
      /** `<account>/<group>` of every group the pairing receives in (sorted), rules or not */
      readonly receivingGroups: readonly string[];
      /** strategy prefix-list: the owned list each sending side wants (absent otherwise) */
      readonly prefixLists?: readonly DesiredPrefixList[];
    }
  | { readonly pairing: string; readonly ok: false; readonly block: PairingBlock };

interface Flow {
  readonly source: PairingSide;
  readonly receiver: PairingSide;
}

/** 'both': each side receives from the other; 'first-to-second': only the second receives. */
export function flowsOf(pairing: NormalizedPairing): Flow[] {
  const [first, second] = pairing.sides;
  const forward = { source: first, receiver: second };
  return pairing.direction === 'both' ? [forward, { source: second, receiver: first }] : [forward];
}

/** The strategy a pairing applies when none was chosen for it: auto starts from group references. */
export function defaultStrategy(pairing: NormalizedPairing): AppliedStrategy {
  return pairing.strategy === 'auto' ? 'group' : pairing.strategy;
}

export type { DeploymentRef };

/**
 * The ingress rules one pairing needs under the applied strategy, or why it cannot have them: every
 * receiving group times every peer of the sending side. Sides are resolved in order (first, then
 * second; receiving groups before the source), so the reported block is deterministic.
 */
export function computePairingRules(
  pairing: NormalizedPairing,
  deployment: DeploymentRef,
  facts: RuleFacts,
  strategy: AppliedStrategy = defaultStrategy(pairing),
): PairingRules {
  const endpoints = resolveEndpoints(pairing, facts, strategy);
  if (!endpoints.ok) return { pairing: pairing.name, ok: false, block: endpoints.block };
  const found = new RulesFound();
  for (const flow of flowsOf(pairing)) {
    const receiver = endpoints.receivers.get(flow.receiver) as ReceiverEndpoint;
    const source = endpoints.sources.get(flow.source) as SourceEndpoint;
    const list =
      strategy === 'prefix-list' ? desiredListOf(pairing, deployment, flow.source, source, facts) : undefined;
    if (list !== undefined) found.lists.push(list);
    const problem = addFlowRules(found, { pairing, deployment, flow, receiver, source, list });
    if (problem !== undefined) return { pairing: pairing.name, ok: false, block: problem };
    if (pairing.egress !== 'manage') continue;
    const egress = egressFlowRules(pairing, deployment, flow, { facts, strategy, checkReference: checkGroupReference });
    if (!egress.ok) return { pairing: pairing.name, ok: false, block: egress.block };
    egress.rules.forEach((r) => found.rule(r));
    egress.groups.forEach((g) => found.receiving.add(factKey(g.accountId, g.groupId)));
  }
  return { pairing: pairing.name, ok: true, ...found.sorted() };
}

type Endpoints =
  | {
      readonly ok: true;
      readonly receivers: ReadonlyMap<PairingSide, ReceiverEndpoint>;
      readonly sources: ReadonlyMap<PairingSide, SourceEndpoint>;
    }
  | { readonly ok: false; readonly block: PairingBlock };

/** Each side as receiver and as source, in order (first, then second; receiving groups first). */
function resolveEndpoints(pairing: NormalizedPairing, facts: RuleFacts, strategy: AppliedStrategy): Endpoints {
  const flows = flowsOf(pairing);
  const receivers = new Map<PairingSide, ReceiverEndpoint>();
  const sources = new Map<PairingSide, SourceEndpoint>();
  for (const side of pairing.sides) {
    if (flows.some((f) => f.receiver === side)) {
      const receiver = resolveReceivers(side, pairing.region, facts);
      if (!receiver.ok) return { ok: false, block: receiver.block };
      receivers.set(side, receiver.value);
    }
    if (flows.some((f) => f.source === side)) {
      const source = resolveSource(side, strategy, pairing.region, facts);
      if (!source.ok) return { ok: false, block: source.block };
      sources.set(side, source.value);
    }
  }
  return { ok: true, receivers, sources };
}

interface ResolvedFlow {
  readonly pairing: NormalizedPairing;
  readonly deployment: DeploymentRef;
  readonly flow: Flow;
  readonly receiver: ReceiverEndpoint;
  readonly source: SourceEndpoint;
  /** strategy prefix-list: the side's list, referenced by one rule per receiving group instead of one rule per peer */
  readonly list?: DesiredPrefixList;
}

/** One direction's rules: every receiving group times every peer of the source, with its notes. */
function addFlowRules(found: RulesFound, at: ResolvedFlow): PairingBlock | undefined {
  const { flow, receiver, source } = at;
  for (const gone of receiver.missing) {
    found.note({
      code: 'ReceivingGroupNotFound',
      message: `security group ${gone.groupId}, the first group of a member, was not found: skipped`,
      ...gone,
    });
  }
  for (const refused of source.refused ?? [])
    found.note({ code: ADDRESS_NOT_ALLOWED, message: describeRefusedAddress(refused), accountId: refused.accountId });
  if (source.peers.length === 0 && (source.refused ?? []).length === 0)
    found.note({
      code: 'NoMembers',
      message: `${describeSide(flow.source)} has no Running instance with a private IP: nothing to allow yet`,
      accountId: flow.source.accountId,
    });
  const sent = familyPeers(at.pairing, source.peers, source.admitted);
  if (sent.withoutIpv6.length > 0) {
    const [first] = sent.withoutIpv6;
    if (flow.source.kind === 'instance' && at.pairing.ipVersion === 'ipv6' && first !== undefined)
      return instanceWithoutIpv6(flow.source, first);
    found.note({
      code: NO_IPV6_ADDRESS,
      message: describeWithoutIpv6(at.pairing, sent.withoutIpv6),
      accountId: flow.source.accountId,
    });
  }
  for (const group of receiver.groups) {
    found.receiving.add(factKey(group.accountId, group.groupId));
    if (coveredByInnerAccess(group, source, flow.source)) {
      found.note({
        code: 'InnerAccessCovers',
        message: `security group ${group.groupId} already lets its own members talk (InnerAccessPolicy Accept); no rule needed`,
        accountId: group.accountId,
        groupId: group.groupId,
      });
      continue;
    }
    if (at.list !== undefined) {
      const problem = checkListReceiver(group, at.list);
      if (problem !== undefined) return problem;
      found.rule(ingressRule(at, group, listPeer(at.list), at.pairing.protocol));
      continue;
    }
    for (const peer of sent.peers) {
      const problem = peer.kind === 'group' ? checkGroupReference(group, peer, source.vpcId) : undefined;
      if (problem !== undefined) return problem;
      for (const protocol of protocolsFor(at.pairing, peer)) found.rule(ingressRule(at, group, peer, protocol));
    }
  }
  return undefined;
}

function ingressRule(at: ResolvedFlow, group: GroupFacts, peer: RulePeer, protocol: RuleProtocol): CanonicalRule {
  return {
    groupId: group.groupId,
    accountId: group.accountId,
    protocol,
    ports: at.pairing.ports,
    peer,
    policy: 'accept',
    priority: at.pairing.priority,
    nicType: 'intranet',
    description: markerOf(at.deployment, at.pairing.name),
  };
}

/** Rules and notes found so far, each once (by rule key; by code, place and message). */
class RulesFound {
  private readonly rules = new Map<string, CanonicalRule>();
  private readonly notes = new Map<string, PairingNote>();
  readonly receiving = new Set<string>();
  readonly lists: DesiredPrefixList[] = [];

  rule(rule: CanonicalRule): void {
    this.rules.set(ruleKey(rule), rule);
  }

  note(n: PairingNote): void {
    this.notes.set(`${n.code}|${n.accountId ?? ''}/${n.groupId ?? ''}|${n.message}`, n);
  }

  sorted(): {
    rules: CanonicalRule[];
    notes: PairingNote[];
    receivingGroups: string[];
    prefixLists?: DesiredPrefixList[];
  } {
    const notes = [...this.notes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, n]) => n);
    const rules = [...this.rules.values()].sort(compareRules);
    const lists = this.lists.length === 0 ? {} : { prefixLists: [...this.lists] };
    return { rules, notes, receivingGroups: [...this.receiving].sort(), ...lists };
  }
}

/**
 * A group side sending into its own group (as an instance or tag side's receiving group): its
 * members already talk to each other when the group's InnerAccessPolicy is Accept.
 */
function coveredByInnerAccess(group: GroupFacts, source: SourceEndpoint, side: PairingSide): boolean {
  return (
    source.groupId === group.groupId &&
    side.accountId === group.accountId &&
    (group.innerAccessPolicy ?? 'accept').toLowerCase() !== 'drop'
  );
}

/** A group reference must stay in one VPC, cannot live in an enterprise group, and cannot point at itself. */
export function checkGroupReference(group: GroupFacts, peer: GroupPeer, sourceVpcId: string): PairingBlock | undefined {
  const at = { accountId: group.accountId, groupId: group.groupId };
  if (peer.groupId === group.groupId && peer.ownerId === group.accountId) {
    return block(
      'SelfGroupReference',
      `security group ${group.groupId} would have to reference itself, and its InnerAccessPolicy is Drop (use strategy addresses)`,
      at,
    );
  }
  if (group.type === 'enterprise') {
    return block(
      'EnterpriseGroupReference',
      `security group ${group.groupId} is an enterprise (advanced) group and cannot reference group ${peer.groupId} (use strategy addresses or cidr)`,
      at,
    );
  }
  if (group.vpcId !== sourceVpcId) {
    return block(
      'CrossVpcGroupReference',
      `security group ${group.groupId} (${vpcName(group.vpcId)}) cannot reference group ${peer.groupId} (${vpcName(sourceVpcId)}): group references work only within one VPC (use strategy auto, addresses or cidr)`,
      at,
    );
  }
  return undefined;
}

function vpcName(vpcId: string): string {
  return vpcId === '' ? 'classic network' : vpcId;
}

function describeSide(side: PairingSide): string {
  switch (side.kind) {
    case 'group':
      return `security group ${side.securityGroupId}`;
    case 'instance':
      return `instance ${side.instanceId}`;
    case 'tags':
      return `tags ${describeTags(side)}`;
  }
}

/** The desired rules of every pairing of the config, by pairing name (each under its chosen strategy when given). */
export function computeDesiredRules(
  config: NormalizedConfig,
  facts: RuleFacts,
  strategies: ReadonlyMap<string, AppliedStrategy> = new Map(),
): PairingRules[] {
  return [...config.pairings]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((pairing) => computePairingRules(pairing, config, facts, strategies.get(pairing.name)));
}
