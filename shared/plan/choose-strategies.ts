import type { NormalizedConfig, NormalizedPairing } from '../config';
import { isHeldPairing } from '../config';
import {
  factKey,
  flowsOf,
  lookupGroup,
  parseRuleDescription,
  peerKey,
  resolveReceivers,
  type AppliedStrategy,
  type GroupPeer,
} from '../rules';
import type { ActualState } from './actual-state';
import { prefixListFallback } from './choose-prefix-list';
import type { PlanLimits } from './plan-limits';
import { selectPairings } from './select-pairings';

/**
 * Why a pairing applies its strategy (CamelCase tokens, stated in the plan):
 * - Configured: the pairing names group, addresses or cidr;
 * - OneVpc / ClassicNetwork: auto, and every group reference stays in one VPC (or among classic groups);
 * - NoGroupSide: auto, and no sending side is a group (instances and tags always send by address);
 * - DifferentVpcs / EnterpriseReceiver / SelfReferenceDropped / ReferenceLimit: auto fell back to addresses;
 * - PrefixListNoRoom / PrefixListTooManyMembers: prefix-list fell back to addresses (see prefixListFallback).
 * `auto` never picks prefix-list: a list costs its MaxEntries of every receiving group's room, a
 * trade only the operator can make (see docs/configuration.md).
 */
export const strategyReasons = [
  'Configured',
  'OneVpc',
  'ClassicNetwork',
  'NoGroupSide',
  'DifferentVpcs',
  'EnterpriseReceiver',
  'SelfReferenceDropped',
  'ReferenceLimit',
  'PrefixListNoRoom',
  'PrefixListTooManyMembers',
] as const;
export type StrategyReason = (typeof strategyReasons)[number];

export interface StrategyChoice {
  readonly chosen: AppliedStrategy;
  readonly reason: StrategyReason;
}

/**
 * Pure: the strategy of each selected pairing, decided in name order. A pairing that names one
 * keeps it. `auto` takes group references when every flow from a group side can have one: the
 * receiving group in the source's VPC (or both classic), normal, not a self-reference with
 * InnerAccessPolicy Drop, and with room under the group-reference quota counting the references
 * earlier pairings of this plan take; otherwise it falls back to addresses. An auto pairing whose
 * groups cannot be resolved yet gets no choice (its plan entry is blocked anyway).
 */
export function chooseStrategies(
  config: NormalizedConfig,
  actual: ActualState,
  limits: PlanLimits,
  selection?: readonly string[],
): Map<string, StrategyChoice> {
  const taken = new Map<string, Set<string>>(); // group key -> references new in this plan
  const out = new Map<string, StrategyChoice>();
  const declared = new Set(config.pairings.map((p) => p.name));
  const selected = selectPairings(config, selection);
  // a planned pairing's possible references: its group sides (no strategy references anything else)
  const planned = new Map(
    selected.map((p) => [
      p.name,
      new Set(
        p.sides.flatMap((s) =>
          s.kind === 'group' ? [peerKey({ kind: 'group', groupId: s.securityGroupId, ownerId: s.accountId })] : [],
        ),
      ),
    ]),
  );
  const freedByGroup = new Map<string, number>();
  const freed = (groupKey: string) => {
    let n = freedByGroup.get(groupKey);
    if (n === undefined)
      freedByGroup.set(groupKey, (n = referencesFreedByPruning(config, { declared, planned }, actual, groupKey)));
    return n;
  };
  for (const pairing of selected) {
    const fallback =
      pairing.strategy === 'prefix-list' ? prefixListFallback(pairing, config.name, actual, limits) : undefined;
    const choice =
      pairing.strategy === 'auto'
        ? chooseAuto(pairing, actual, limits, taken, freed)
        : fallback !== undefined
          ? { chosen: 'addresses' as const, reason: fallback }
          : { chosen: pairing.strategy, reason: 'Configured' as const };
    if (choice !== undefined) out.set(pairing.name, choice);
  }
  return out;
}

/**
 * References this same plan will free in a group: source groups referenced only by owned rules it
 * revokes under `prune: owned` — rules of pairings no longer declared (PairingRemoved), and a planned
 * pairing's references that no strategy of it wants: of the group to itself (inner access covers it,
 * or it is blocked), or of a group that is not one of its sides. Counting them as room keeps the
 * choice stable: otherwise the next run, with the room now free, would switch strategy.
 */
function referencesFreedByPruning(
  config: NormalizedConfig,
  pairings: { readonly declared: ReadonlySet<string>; readonly planned: ReadonlyMap<string, ReadonlySet<string>> },
  actual: ActualState,
  groupKey: string,
): number {
  if (config.prune !== 'owned') return 0;
  const group = actual.groups[groupKey];
  const holders = new Map<string, boolean>(); // peer -> only owned rules this plan revokes hold it
  for (const rule of group?.rules ?? []) {
    if (rule.peer.kind !== 'group') continue;
    const owner = parseRuleDescription(rule.description);
    const self = rule.peer.groupId === group?.groupId && rule.peer.ownerId === group.accountId;
    const sides = owner === undefined ? undefined : pairings.planned.get(owner.pairing);
    const revoked =
      owner !== undefined &&
      ((!pairings.declared.has(owner.pairing) && !isHeldPairing(config, owner.pairing)) ||
        (sides !== undefined && (self || !sides.has(peerKey(rule.peer)))));
    const removed =
      rule.unmatchable === undefined && rule.policy === 'accept' && owner?.deployment === config.name && revoked;
    const key = peerKey(rule.peer);
    holders.set(key, (holders.get(key) ?? true) && removed);
  }
  return [...holders.values()].filter(Boolean).length;
}

function chooseAuto(
  pairing: NormalizedPairing,
  actual: ActualState,
  limits: PlanLimits,
  taken: Map<string, Set<string>>,
  freed: (groupKey: string) => number,
): StrategyChoice | undefined {
  const references: { groupKey: string; peer: string }[] = [];
  let classic = true;
  let fromGroups = false;
  for (const flow of flowsOf(pairing)) {
    if (flow.source.kind !== 'group') continue;
    fromGroups = true;
    const source = lookupGroup(flow.source.accountId, flow.source.securityGroupId, pairing.region, actual);
    const receivers = resolveReceivers(flow.receiver, pairing.region, actual);
    if (!source.ok || !receivers.ok) return undefined;
    if (source.value.vpcId !== '') classic = false;
    const peer: GroupPeer = { kind: 'group', groupId: flow.source.securityGroupId, ownerId: flow.source.accountId };
    for (const receiver of receivers.value.groups) {
      const groupKey = factKey(receiver.accountId, receiver.groupId);
      const self = receiver.groupId === peer.groupId && receiver.accountId === peer.ownerId;
      if (self) {
        if ((receiver.innerAccessPolicy ?? 'accept').toLowerCase() === 'drop')
          return { chosen: 'addresses', reason: 'SelfReferenceDropped' };
        continue; // covered by the group's inner access: no rule, no reference
      }
      if (receiver.vpcId !== source.value.vpcId) return { chosen: 'addresses', reason: 'DifferentVpcs' };
      if (receiver.type === 'enterprise') return { chosen: 'addresses', reason: 'EnterpriseReceiver' };
      const group = actual.groups[groupKey];
      const present = new Set((group?.rules ?? []).filter((r) => r.peer.kind === 'group').map((r) => peerKey(r.peer)));
      const mine = taken.get(groupKey) ?? new Set<string>();
      const key = peerKey(peer);
      if (present.has(key) || mine.has(key) || references.some((r) => r.groupKey === groupKey && r.peer === key))
        continue;
      const pending = references.filter((r) => r.groupKey === groupKey).length;
      if (
        (group?.referencedGroupCount ?? 0) - freed(groupKey) + mine.size + pending + 1 >
        limits.referencedGroupsPerGroup
      )
        return { chosen: 'addresses', reason: 'ReferenceLimit' };
      references.push({ groupKey, peer: key });
    }
  }
  if (!fromGroups) return { chosen: 'addresses', reason: 'NoGroupSide' };
  for (const r of references) taken.set(r.groupKey, new Set([...(taken.get(r.groupKey) ?? []), r.peer]));
  return { chosen: 'group', reason: classic ? 'ClassicNetwork' : 'OneVpc' };
}
