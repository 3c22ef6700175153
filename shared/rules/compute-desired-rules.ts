import type { NormalizedConfig, NormalizedPairing, PairingSide } from '../config';
import type { CanonicalRule, GroupPeer } from './canonical-rule';
import { factKey, type GroupFacts, type RuleFacts } from './facts';
import { block, type PairingBlock } from './pairing-block';
import {
  describeTags,
  resolveReceivers,
  resolveSource,
  type AppliedStrategy,
  type ReceiverEndpoint,
  type SourceEndpoint,
} from './resolve-side';
import { ruleDescription } from './rule-description';
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

/**
 * The ingress rules one pairing needs under the applied strategy, or why it cannot have them: every
 * receiving group times every peer of the sending side. Sides are resolved in order (first, then
 * second; receiving groups before the source), so the reported block is deterministic.
 */
export function computePairingRules(
  pairing: NormalizedPairing,
  deployment: string,
  facts: RuleFacts,
  strategy: AppliedStrategy = defaultStrategy(pairing),
): PairingRules {
  const flows = flowsOf(pairing);
  const receivers = new Map<PairingSide, ReceiverEndpoint>();
  const sources = new Map<PairingSide, SourceEndpoint>();
  for (const side of pairing.sides) {
    if (flows.some((f) => f.receiver === side)) {
      const receiver = resolveReceivers(side, pairing.region, facts);
      if (!receiver.ok) return { pairing: pairing.name, ok: false, block: receiver.block };
      receivers.set(side, receiver.value);
    }
    if (flows.some((f) => f.source === side)) {
      const source = resolveSource(side, strategy, pairing.region, facts);
      if (!source.ok) return { pairing: pairing.name, ok: false, block: source.block };
      sources.set(side, source.value);
    }
  }

  const rules = new Map<string, CanonicalRule>();
  const notes = new Map<string, PairingNote>();
  const note = (n: PairingNote) => notes.set(`${n.code}|${n.accountId ?? ''}/${n.groupId ?? ''}|${n.message}`, n);
  const receiving = new Set<string>();
  for (const flow of flows) {
    const receiver = receivers.get(flow.receiver) as ReceiverEndpoint;
    const source = sources.get(flow.source) as SourceEndpoint;
    for (const gone of receiver.missing) {
      note({
        code: 'ReceivingGroupNotFound',
        message: `security group ${gone.groupId}, the first group of a member, was not found: skipped`,
        ...gone,
      });
    }
    if (source.peers.length === 0)
      note({
        code: 'NoMembers',
        message: `${describeSide(flow.source)} has no Running instance with a private IP: nothing to allow yet`,
        accountId: flow.source.accountId,
      });
    for (const group of receiver.groups) {
      receiving.add(factKey(group.accountId, group.groupId));
      if (coveredByInnerAccess(group, source, flow.source)) {
        note({
          code: 'InnerAccessCovers',
          message: `security group ${group.groupId} already lets its own members talk (InnerAccessPolicy Accept); no rule needed`,
          accountId: group.accountId,
          groupId: group.groupId,
        });
        continue;
      }
      for (const peer of source.peers) {
        const problem = peer.kind === 'group' ? checkGroupReference(group, peer, source.vpcId) : undefined;
        if (problem !== undefined) return { pairing: pairing.name, ok: false, block: problem };
        const rule: CanonicalRule = {
          groupId: group.groupId,
          accountId: group.accountId,
          protocol: pairing.protocol,
          ports: pairing.ports,
          peer,
          policy: 'accept',
          priority: pairing.priority,
          nicType: 'intranet',
          description: ruleDescription(deployment, pairing.name),
        };
        rules.set(ruleKey(rule), rule);
      }
    }
  }
  const sortedNotes = [...notes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, n]) => n);
  return {
    pairing: pairing.name,
    ok: true,
    rules: [...rules.values()].sort(compareRules),
    notes: sortedNotes,
    receivingGroups: [...receiving].sort(),
  };
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
    .map((pairing) => computePairingRules(pairing, config.name, facts, strategies.get(pairing.name)));
}
