import { findAccountById, type NormalizedConfig, type NormalizedPairing, type PairingSide } from '../../config';
import type { IgnoredEvent, TouchedResources } from './touched';

/** Why a pairing is in scope: the touched resource that names it. */
export interface ScopeMatch {
  readonly pairing: string;
  readonly accountId: string;
  readonly resource: string;
  /**
   * the resource is an instance side, a group side, or the group an instance or tag side receives
   * in (or may); or an instance of the account that may have joined or left a tag side, or a group
   * side that sends by address (released, started, tagged: such events name no group)
   */
  readonly via: 'instance-side' | 'group-side' | 'receiving-group' | 'tag-member' | 'group-member' | 'account-burst';
}

export interface EventScope {
  /** the pairings to reconcile: sorted, unique; empty means nothing to do */
  readonly pairings: readonly string[];
  readonly matches: readonly ScopeMatch[];
  /** touched resources outside the config: an undeclared account, a region without pairings */
  readonly ignored: readonly IgnoredEvent[];
}

/**
 * Pure: the declared pairings the touched resources may affect. Level-triggered, so it
 * over-approximates rather than misses (an extra pairing costs only reads):
 * - an instance touched: pairings with that instance as a side;
 * - a group touched: pairings with that group as a side, or as an instance side's named group;
 * - a group whose rules may have changed: also every receiving instance or tag side of that
 *   account that names no group (its first group, unknown until read, may be that one);
 * - any instance touched: every tag side of that account (the instance may have gained or lost the
 *   tags, been launched, started or released), and, when the event names no group (DeleteInstance,
 *   StartInstance, a state change, TagResources), every group side of that account that may send by
 *   address (strategy addresses, or auto, which falls back to it): its members may have changed.
 * A new instance that is no side itself reaches its groups' pairings through the groups the event
 * names (RunInstances' or JoinSecurityGroup's SecurityGroupId).
 * - a burst collapsed to its whole account (`wholeAccount`): every pairing with a side in that account.
 */
export function computeScope(config: NormalizedConfig, touched: readonly TouchedResources[]): EventScope {
  const regions = new Set(config.pairings.map((p) => p.region));
  const matches = new Map<string, ScopeMatch>();
  const ignored: IgnoredEvent[] = [];
  for (const t of touched) {
    const about = { eventId: t.eventId, cause: t.cause, accountId: t.accountId, region: t.region };
    if (!findAccountById(config, t.accountId)) {
      ignored.push({
        reason: 'UndeclaredAccount',
        message: `account ${t.accountId} is not declared in the config`,
        ...about,
      });
      continue;
    }
    if (!regions.has(t.region)) {
      ignored.push({ reason: 'OtherRegion', message: `no pairing is in region ${t.region}`, ...about });
      continue;
    }
    for (const pairing of config.pairings) {
      if (pairing.region !== t.region) continue;
      for (const side of pairing.sides) {
        if (side.accountId !== t.accountId) continue;
        for (const m of sideMatches(pairing, side, t)) matches.set(matchKey(m), m);
      }
    }
  }
  const sorted = [...matches.values()].sort((a, b) => compare(matchKey(a), matchKey(b)));
  return { pairings: [...new Set(sorted.map((m) => m.pairing))], matches: sorted, ignored };
}

function sideMatches(pairing: NormalizedPairing, side: PairingSide, t: TouchedResources): ScopeMatch[] {
  const match = (resource: string, via: ScopeMatch['via']): ScopeMatch => ({
    pairing: pairing.name,
    accountId: side.accountId,
    resource,
    via,
  });
  // a burst collapsed to its account: every pairing with a side there (a superset of what its IDs would match)
  if (t.wholeAccount) return [match('*', 'account-burst')];
  const out: ScopeMatch[] = [];
  if (side.kind === 'group') {
    if (t.groupIds.includes(side.securityGroupId)) out.push(match(side.securityGroupId, 'group-side'));
    else if (
      t.groupIds.length === 0 &&
      sends(pairing, side) &&
      (pairing.strategy === 'auto' || pairing.strategy === 'addresses' || pairing.strategy === 'prefix-list')
    ) {
      out.push(...t.instanceIds.map((i) => match(i, 'group-member')));
    }
    return out;
  }
  if (side.kind === 'instance' && t.instanceIds.includes(side.instanceId))
    out.push(match(side.instanceId, 'instance-side'));
  if (side.kind === 'tags') {
    const membersMatter =
      (sends(pairing, side) && pairing.strategy !== 'cidr') ||
      (receives(pairing, side) && side.securityGroupId === undefined);
    if (membersMatter) out.push(...t.instanceIds.map((i) => match(i, 'tag-member')));
  }
  if (!receives(pairing, side)) return out;
  if (side.securityGroupId !== undefined) {
    if (t.groupIds.includes(side.securityGroupId)) out.push(match(side.securityGroupId, 'receiving-group'));
  } else if (t.groupRulesChanged) {
    out.push(...t.groupIds.map((g) => match(g, 'receiving-group')));
  }
  return out;
}

function sends(pairing: NormalizedPairing, side: PairingSide): boolean {
  return pairing.direction === 'both' || pairing.sides[0] === side;
}

function receives(pairing: NormalizedPairing, side: PairingSide): boolean {
  return pairing.direction === 'both' || pairing.sides[1] === side;
}

/** Resources are identified within their account (the same ID may exist in two accounts). */
function matchKey(m: ScopeMatch): string {
  return `${m.pairing}|${m.via}|${m.accountId}/${m.resource}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
