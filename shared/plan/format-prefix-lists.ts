import type { Plan } from './plan-schema';

/**
 * The plan's owned prefix lists as text: `+ create`, `~ change` (entries added and removed) and
 * `- delete`, each with its account, marker and the pairings sending through it. Empty when none.
 */
export function formatPrefixLists(plan: Plan, paint: (style: 'green' | 'red', text: string) => string): string[] {
  const lists = plan.prefixLists ?? [];
  if (lists.length === 0) return [];
  const line = (l: (typeof lists)[number]) => {
    const who = l.pairings.length === 0 ? '' : ` for ${l.pairings.join(', ')}`;
    if (l.delete === true) return paint('red', `  - delete ${l.prefixListId} (${l.description})`);
    if (l.prefixListId === undefined)
      return paint('green', `  + create ${l.description}, MaxEntries ${l.maxEntries}, ${l.add.length} entries${who}`);
    return `  ~ change ${l.prefixListId}: +${l.add.length} -${l.remove.length} entries${who}`;
  };
  return [`Prefix lists (account ${[...new Set(lists.map((l) => l.accountId))].join(', ')})`, ...lists.map(line), ''];
}
