import { factKey, peerKey, ruleKey, type CanonicalRule, type PairingBlock } from '../rules';
import type { ActualGroup, ActualState } from './actual-state';
import type { PlanLimits } from './plan-limits';

export interface CapacityCandidate {
  readonly name: string;
  /** the rules this pairing still needs */
  readonly missing: readonly CanonicalRule[];
}

interface GroupBudget {
  readonly group: ActualGroup;
  /** keys of rules already admitted into the group */
  readonly added: Set<string>;
  /** group peers referenced now or by admitted rules */
  readonly referenced: Set<string>;
  addedReferences: number;
}

/**
 * Admits pairings in the order given (by name) while every receiving group stays within its rule
 * and group-reference quotas; returns the block of each pairing that does not fit. A rule wanted by
 * several pairings counts once. Greedy on purpose: the pairings that fit go on.
 */
export function admitByCapacity(candidates: readonly CapacityCandidate[], actual: ActualState, limits: PlanLimits): Map<string, PairingBlock> {
  const budgets = new Map<string, GroupBudget>();
  const budgetOf = (groupKey: string, group: ActualGroup): GroupBudget => {
    let budget = budgets.get(groupKey);
    if (budget === undefined) {
      const referenced = new Set(group.rules.filter((r) => r.peer.kind === 'group').map((r) => peerKey(r.peer)));
      budget = { group, added: new Set(), referenced, addedReferences: 0 };
      budgets.set(groupKey, budget);
    }
    return budget;
  };

  const blocked = new Map<string, PairingBlock>();
  for (const candidate of candidates) {
    const wants = new Map<string, { budget: GroupBudget; keys: Set<string>; references: Set<string> }>();
    for (const rule of candidate.missing) {
      const groupKey = factKey(rule.accountId, rule.groupId);
      const group = actual.groups[groupKey];
      if (group === undefined) continue; // cannot happen: desired rules exist only for groups that were found
      const budget = budgetOf(groupKey, group);
      const want = wants.get(groupKey) ?? { budget, keys: new Set<string>(), references: new Set<string>() };
      wants.set(groupKey, want);
      const key = ruleKey(rule);
      if (!budget.added.has(key)) want.keys.add(key);
      if (rule.peer.kind === 'group' && !budget.referenced.has(peerKey(rule.peer))) want.references.add(peerKey(rule.peer));
    }
    const problem = [...wants.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, want]) => overLimit(want, limits))
      .find((b) => b !== undefined);
    if (problem !== undefined) {
      blocked.set(candidate.name, problem);
      continue;
    }
    for (const { budget, keys, references } of wants.values()) {
      keys.forEach((k) => budget.added.add(k));
      references.forEach((r) => budget.referenced.add(r));
      budget.addedReferences += references.size;
    }
  }
  return blocked;
}

function overLimit(want: { budget: GroupBudget; keys: Set<string>; references: Set<string> }, limits: PlanLimits): PairingBlock | undefined {
  const { group, added, addedReferences } = want.budget;
  const at = { accountId: group.accountId, groupId: group.groupId };
  const rules = group.ruleCount + added.size + want.keys.size;
  if (rules > limits.rulesPerGroup) {
    return {
      reason: 'RuleLimitExceeded',
      message: `security group ${group.groupId} has ${group.ruleCount} rules, other pairings add ${added.size} and this one ${want.keys.size}: over the limit of ${limits.rulesPerGroup}`,
      ...at,
    };
  }
  const references = group.referencedGroupCount + addedReferences + want.references.size;
  if (references > limits.referencedGroupsPerGroup) {
    return {
      reason: 'ReferenceLimitExceeded',
      message: `security group ${group.groupId} references ${group.referencedGroupCount} groups, other pairings add ${addedReferences} and this one ${want.references.size}: over the limit of ${limits.referencedGroupsPerGroup}`,
      ...at,
    };
  }
  return undefined;
}
