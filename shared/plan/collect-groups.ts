import { compareRules, factKey, ruleKey, type CanonicalRule } from '../rules';
import type { ActualState } from './actual-state';
import type { ReadyAssessment } from './assess-pairing';
import { compareText } from './compare-text';
import type { Revocation } from './compute-revocations';
import type { PlanGroup, PlanRevocation } from './plan-schema';

interface GroupEntry {
  readonly group: PlanGroup;
  readonly keys: Set<string>;
  readonly revoke: PlanRevocation[];
  readonly wouldRevoke: PlanRevocation[];
}

/**
 * One entry per group with something to add, revoke or report: each added rule once (credited to
 * the first pairing by name), revocations as found. Empty `revoke` / `wouldRevoke` lists are left out.
 */
export function collectGroups(
  admitted: readonly ReadyAssessment[],
  revocations: readonly Revocation[],
  actual: ActualState,
  defaultRegion: string,
): PlanGroup[] {
  const groups = new Map<string, GroupEntry>();
  const entryOf = (accountId: string, groupId: string, region: string): GroupEntry => {
    const key = factKey(accountId, groupId);
    let entry = groups.get(key);
    if (entry === undefined) {
      entry = { group: { accountId, groupId, region, add: [] }, keys: new Set(), revoke: [], wouldRevoke: [] };
      groups.set(key, entry);
    }
    return entry;
  };
  for (const a of admitted) {
    for (const rule of a.missing) {
      const entry = entryOf(rule.accountId, rule.groupId, a.pairing.region);
      if (entry.keys.has(ruleKey(rule))) continue;
      entry.keys.add(ruleKey(rule));
      entry.group.add.push({ rule, pairing: a.pairing.name });
    }
  }
  for (const r of revocations) {
    const region = actual.groups[factKey(r.rule.accountId, r.rule.groupId)]?.regionId ?? defaultRegion;
    const entry = entryOf(r.rule.accountId, r.rule.groupId, region);
    (r.apply ? entry.revoke : entry.wouldRevoke).push({ rule: r.rule, pairing: r.pairing, reason: r.reason });
  }
  const byRule = <T extends { rule: CanonicalRule }>(xs: readonly T[]) =>
    [...xs].sort((x, y) => compareRules(x.rule, y.rule) || compareText(x.rule.ruleId ?? '', y.rule.ruleId ?? ''));
  return [...groups.values()]
    .map(({ group, revoke, wouldRevoke }): PlanGroup => ({
      ...group,
      add: byRule(group.add),
      ...(revoke.length === 0 ? {} : { revoke: byRule(revoke) }),
      ...(wouldRevoke.length === 0 ? {} : { wouldRevoke: byRule(wouldRevoke) }),
    }))
    .sort((a, b) => compareText(a.accountId, b.accountId) || compareText(a.groupId, b.groupId));
}
