import type { NormalizedConfig, NormalizedPairing } from '../../config';
import type { EventScope, ScopeMatch } from './compute-scope';
import type { TouchedResources } from './touched';

/**
 * Pure: the pairings in scope an event run may read from their sending side alone
 * (ReconcileOptions.listOnly): `strategy: prefix-list`, one direction, egress not managed, sending
 * from a group or tag side, and every match of the batch a change of that side's members (an
 * instance launched into, joined, left, started, stopped or released from it). Such a change moves
 * only the entries of the side's owned list: the rule each receiving group holds references the list
 * and stays as it is, so those groups are not read. A batch with a rule change, a burst collapsed to
 * its account, or a match on a receiving side (an instance that joined a receiving group, a tag side
 * that receives in its members' groups) leaves the pairing to the whole read. A rule revoked by hand
 * in a receiving group is restored by the next full run (the timer's sweep), not by this one.
 */
export function listOnlyPairings(
  config: NormalizedConfig,
  touched: readonly TouchedResources[],
  scope: EventScope,
): string[] {
  if (touched.some((t) => t.groupRulesChanged || t.wholeAccount === true)) return [];
  const byName = new Map(config.pairings.map((p) => [p.name, p]));
  const fast = new Set<string>();
  const whole = new Set<string>();
  for (const m of scope.matches) {
    const pairing = byName.get(m.pairing);
    if (pairing !== undefined && senderOnly(pairing, m)) fast.add(m.pairing);
    else whole.add(m.pairing);
  }
  return [...fast].filter((name) => !whole.has(name)).sort();
}

/** Whether the match is a change of the members of the pairing's sending side only. */
function senderOnly(pairing: NormalizedPairing, m: ScopeMatch): boolean {
  if (pairing.strategy !== 'prefix-list' || pairing.direction === 'both' || pairing.egress === 'manage') return false;
  const [sender, receiver] = pairing.sides;
  if (sender.kind === 'instance' || sender.accountId !== m.accountId) return false;
  if (receiver.accountId === m.accountId) {
    // the same resource may name the receiving side too: the whole read decides
    if (receiver.kind === 'group' && receiver.securityGroupId === m.resource) return false;
    if (receiver.kind === 'tags' && receiver.securityGroupId === undefined && m.via === 'tag-member') return false;
    if (receiver.kind !== 'group' && receiver.securityGroupId === m.resource) return false;
  }
  if (m.via === 'group-side') return sender.kind === 'group' && sender.securityGroupId === m.resource;
  if (m.via === 'group-member') return sender.kind === 'group';
  if (m.via === 'tag-member') return sender.kind === 'tags';
  return false;
}
