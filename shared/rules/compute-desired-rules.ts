import type { NormalizedConfig, NormalizedPairing, PairingSide } from '../config';
import type { CanonicalRule } from './canonical-rule';
import type { GroupFacts, RuleFacts } from './facts';
import { block, type PairingBlock } from './pairing-block';
import { resolveReceiver, resolveSource, type SourceEndpoint } from './resolve-side';
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
  | { readonly pairing: string; readonly ok: true; readonly rules: readonly CanonicalRule[]; readonly notes: readonly PairingNote[] }
  | { readonly pairing: string; readonly ok: false; readonly block: PairingBlock };

interface Flow {
  readonly source: PairingSide;
  readonly receiver: PairingSide;
}

/** 'both': each side receives from the other; 'first-to-second': only the second receives. */
function flowsOf(pairing: NormalizedPairing): Flow[] {
  const [first, second] = pairing.sides;
  const forward = { source: first, receiver: second };
  return pairing.direction === 'both' ? [forward, { source: second, receiver: first }] : [forward];
}

/**
 * The ingress rules one pairing needs, or why it cannot have them. Sides are resolved in order
 * (first, then second; receiving group before source), so the reported block is deterministic.
 */
export function computePairingRules(pairing: NormalizedPairing, deployment: string, facts: RuleFacts): PairingRules {
  const flows = flowsOf(pairing);
  const receivers = new Map<PairingSide, GroupFacts>();
  const sources = new Map<PairingSide, SourceEndpoint>();
  for (const side of pairing.sides) {
    if (flows.some((f) => f.receiver === side)) {
      const receiver = resolveReceiver(side, pairing.region, facts);
      if (!receiver.ok) return { pairing: pairing.name, ok: false, block: receiver.block };
      receivers.set(side, receiver.value);
    }
    if (flows.some((f) => f.source === side)) {
      const source = resolveSource(side, pairing.region, facts);
      if (!source.ok) return { pairing: pairing.name, ok: false, block: source.block };
      sources.set(side, source.value);
    }
  }

  const rules = new Map<string, CanonicalRule>();
  const notes: PairingNote[] = [];
  for (const flow of flows) {
    const group = receivers.get(flow.receiver) as GroupFacts;
    const source = sources.get(flow.source) as SourceEndpoint;
    const problem = checkGroupReference(group, source);
    if (problem === 'covered') {
      notes.push({ code: 'InnerAccessCovers', message: `security group ${group.groupId} already lets its own members talk (InnerAccessPolicy Accept); no rule needed`, accountId: group.accountId, groupId: group.groupId });
      continue;
    }
    if (problem !== undefined) return { pairing: pairing.name, ok: false, block: problem };
    const rule: CanonicalRule = {
      groupId: group.groupId,
      accountId: group.accountId,
      protocol: pairing.protocol,
      ports: pairing.ports,
      peer: source.peer,
      policy: 'accept',
      priority: pairing.priority,
      nicType: 'intranet',
      description: ruleDescription(deployment, pairing.name),
    };
    rules.set(ruleKey(rule), rule);
  }
  return { pairing: pairing.name, ok: true, rules: [...rules.values()].sort(compareRules), notes };
}

/** A group reference must stay in one VPC, cannot live in an enterprise group, and cannot point at itself. */
function checkGroupReference(group: GroupFacts, source: SourceEndpoint): PairingBlock | 'covered' | undefined {
  const peer = source.peer;
  if (peer.kind !== 'group') return undefined;
  const at = { accountId: group.accountId, groupId: group.groupId };
  if (peer.groupId === group.groupId && peer.ownerId === group.accountId) {
    if ((group.innerAccessPolicy ?? 'accept').toLowerCase() !== 'drop') return 'covered';
    return block('SelfGroupReference', `security group ${group.groupId} would have to reference itself, and its InnerAccessPolicy is Drop`, at);
  }
  if (group.type === 'enterprise') {
    return block('EnterpriseGroupReference', `security group ${group.groupId} is an enterprise (advanced) group and cannot reference group ${peer.groupId}`, at);
  }
  if (group.vpcId !== source.vpcId) {
    return block('CrossVpcGroupReference', `security group ${group.groupId} (${vpcName(group.vpcId)}) cannot reference group ${peer.groupId} (${vpcName(source.vpcId)}): group references work only within one VPC`, at);
  }
  return undefined;
}

function vpcName(vpcId: string): string {
  return vpcId === '' ? 'classic network' : vpcId;
}

/** The desired rules of every pairing of the config, by pairing name. */
export function computeDesiredRules(config: NormalizedConfig, facts: RuleFacts): PairingRules[] {
  return [...config.pairings]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((pairing) => computePairingRules(pairing, config.name, facts));
}
