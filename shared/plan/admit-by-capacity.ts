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
  /** rules the plan revokes in the group */
  readonly freed: number;
  /** group peers only revoked rules hold: references the plan frees */
  readonly freedReferences: number;
}

interface Want {
  readonly budget: GroupBudget;
  readonly keys: Set<string>;
  readonly references: Set<string>;
  /** whether any wanted rule is by address (a CIDR): then fewer, wider rules are a way out */
  byAddress: boolean;
}

/**
 * Admits pairings in the order given (by name) while every receiving group stays within its rule
 * and group-reference quotas; returns the block of each pairing that does not fit. A rule wanted by
 * several pairings counts once; rules the plan revokes in a group (`revoked`, by `<account>/<group>`)
 * make room first, and so do the group references only they hold (otherwise the next run, with that
 * room free, would add what this one refused). Greedy on purpose: the pairings that fit go on. Each
 * block names the way out.
 */
export function admitByCapacity(
  candidates: readonly CapacityCandidate[],
  actual: ActualState,
  limits: PlanLimits,
  revoked: ReadonlyMap<string, readonly CanonicalRule[]> = new Map(),
): Map<string, PairingBlock> {
  const budgets = new Map<string, GroupBudget>();
  const budgetOf = (groupKey: string, group: ActualGroup): GroupBudget => {
    let budget = budgets.get(groupKey);
    if (budget === undefined) budgets.set(groupKey, (budget = freshBudget(group, revoked.get(groupKey) ?? [])));
    return budget;
  };

  const blocked = new Map<string, PairingBlock>();
  for (const candidate of candidates) {
    const wants = new Map<string, Want>();
    for (const rule of candidate.missing) {
      const groupKey = factKey(rule.accountId, rule.groupId);
      const group = actual.groups[groupKey];
      if (group === undefined) continue; // cannot happen: desired rules exist only for groups that were found
      const budget = budgetOf(groupKey, group);
      const want = wants.get(groupKey) ?? {
        budget,
        keys: new Set<string>(),
        references: new Set<string>(),
        byAddress: false,
      };
      wants.set(groupKey, want);
      const key = ruleKey(rule);
      if (!budget.added.has(key)) want.keys.add(key);
      if (rule.peer.kind === 'cidr' || rule.peer.kind === 'ipv6-cidr') want.byAddress = true;
      if (rule.peer.kind === 'group' && !budget.referenced.has(peerKey(rule.peer)))
        want.references.add(peerKey(rule.peer));
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

/** A group's budget before any admission: its rules and references, less what the plan revokes there. */
function freshBudget(group: ActualGroup, gone: readonly CanonicalRule[]): GroupBudget {
  const goneKeys = new Set(gone.map(ruleKey));
  const peers = (rules: readonly CanonicalRule[]) =>
    new Set(rules.filter((r) => r.peer.kind === 'group').map((r) => peerKey(r.peer)));
  const before = peers(group.rules);
  const referenced = peers(group.rules.filter((r) => !goneKeys.has(ruleKey(r))));
  return {
    group,
    added: new Set(),
    referenced,
    addedReferences: 0,
    freed: gone.length,
    freedReferences: [...before].filter((p) => !referenced.has(p)).length,
  };
}

function overLimit(want: Want, limits: PlanLimits): PairingBlock | undefined {
  const { group, added, addedReferences, freed, freedReferences } = want.budget;
  const at = { accountId: group.accountId, groupId: group.groupId };
  const rules = group.ruleCount - freed + added.size + want.keys.size;
  if (rules > limits.rulesPerGroup) {
    const revoking = freed > 0 ? `, this plan revokes ${freed}` : '';
    const wayOut = want.byAddress
      ? 'use strategy cidr (one rule per VPC or vSwitch range), or put both sides in one VPC so a group reference (one rule) serves'
      : 'free rules in the group or split the pairing';
    return {
      reason: 'RuleLimitExceeded',
      message: `security group ${group.groupId} has ${group.ruleCount} rules${revoking}, other pairings add ${added.size} and this one ${want.keys.size}: over the limit of ${limits.rulesPerGroup} rules per group; ${wayOut}`,
      ...at,
    };
  }
  const references = group.referencedGroupCount - freedReferences + addedReferences + want.references.size;
  if (references > limits.referencedGroupsPerGroup) {
    const freeing = freedReferences > 0 ? `, this plan frees ${freedReferences}` : '';
    return {
      reason: 'ReferenceLimitExceeded',
      message: `security group ${group.groupId} references ${group.referencedGroupCount} groups${freeing}, other pairings add ${addedReferences} and this one ${want.references.size}: over the limit of ${limits.referencedGroupsPerGroup} referenced groups per group; use strategy addresses or cidr (no reference) for this pairing`,
      ...at,
    };
  }
  return undefined;
}
