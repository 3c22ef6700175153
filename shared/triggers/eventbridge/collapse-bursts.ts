import type { TouchedResources } from './touched';

/**
 * How many resource IDs (instances and groups) one account may name in one batch before its events
 * collapse into one reconcile of every pairing with a side in that account (docs/events.md). Above
 * what one call names (RunInstances launches at most 100 instances).
 */
export const MAX_IDS_PER_ACCOUNT = 200;

/** The events of one account and region in one batch, collapsed. */
export interface Burst {
  readonly accountId: string;
  readonly region: string;
  readonly events: number;
  /** distinct instance and group IDs the events named */
  readonly resources: number;
  /** over MAX_IDS_PER_ACCOUNT: reconciled as every pairing with a side in the account (the IDs dropped) */
  readonly wholeAccount: boolean;
}

/**
 * Pure: the touched resources of one batch, one entry per account and region (the union of their
 * IDs), so a storm of events from one account costs one scope computation and one reconcile of that
 * account's affected pairings, never one per event. An account naming more than `cap` IDs is
 * collapsed further into its whole scope (`wholeAccount`): its IDs are not carried, so its storm adds
 * a bounded set of pairings and other accounts' events in the batch are matched as usual.
 */
export function collapseByAccount(
  touched: readonly TouchedResources[],
  cap = MAX_IDS_PER_ACCOUNT,
): { touched: TouchedResources[]; bursts: Burst[] } {
  const byAccount = new Map<string, TouchedResources[]>();
  for (const t of touched) {
    const key = `${t.accountId}|${t.region}`;
    byAccount.set(key, [...(byAccount.get(key) ?? []), t]);
  }
  const out: TouchedResources[] = [];
  const bursts: Burst[] = [];
  for (const group of byAccount.values()) {
    const merged = merge(group);
    const resources = merged.instanceIds.length + merged.groupIds.length;
    const wholeAccount = resources > cap;
    out.push(wholeAccount ? { ...merged, instanceIds: [], groupIds: [], wholeAccount } : merged);
    if (group.length > 1 || wholeAccount)
      bursts.push({
        accountId: merged.accountId,
        region: merged.region,
        events: group.length,
        resources,
        wholeAccount,
      });
  }
  return { touched: out, bursts };
}

function merge(group: readonly TouchedResources[]): TouchedResources {
  const [first] = group;
  if (group.length === 1) return first;
  const causes = new Set(group.map((t) => t.cause));
  return {
    eventId: `${first.eventId} (+${group.length - 1})`,
    cause: causes.size === 1 ? first.cause : `Burst:${[...causes].sort().join(',')}`.slice(0, 200),
    accountId: first.accountId,
    region: first.region,
    instanceIds: union(group.map((t) => t.instanceIds)),
    groupIds: union(group.map((t) => t.groupIds)),
    groupRulesChanged: group.some((t) => t.groupRulesChanged),
  };
}

function union(lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())].sort();
}
