import type { EcsPort } from '../cloud/port';
import type { NormalizedConfig } from '../config';
import { selectPairings, type ActualGroup, type ActualState } from '../plan';
import {
  factKey,
  parseRuleDescription,
  prefixListDescription,
  recordTagKey,
  recordTagValue,
  type OwnedPrefixList,
} from '../rules';

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * The deployment's own prefix lists (strategy prefix-list), read per account only where needed: an
 * account a selected prefix-list pairing acts in (listed beside its first reads), or one whose
 * groups hold an owned rule referencing a prefix list (listed after its groups: its pairing may be
 * gone, and pruning deletes the list). One DescribePrefixLists by the record tag, then the entries
 * (DescribePrefixListAttributes) of the lists a selected pairing wants. Lists are found by the tag
 * they were created with and checked by their description marker (see planPrefixLists).
 */
export class PrefixListReads {
  private readonly lists: Record<string, OwnedPrefixList> = {};
  private readonly listed = new Set<string>();
  private readonly wantedAccounts = new Set<string>();
  private readonly wanted = new Set<string>();

  constructor(
    private readonly config: NormalizedConfig,
    selection: readonly string[] | undefined,
  ) {
    for (const p of selectPairings(config, selection).filter((x) => x.strategy === 'prefix-list')) {
      for (const side of p.sides) {
        this.wantedAccounts.add(side.accountId);
        this.wanted.add(factKey(side.accountId, prefixListDescription(config.name, p.region, side)));
      }
    }
  }

  /** Whether the account's lists are read beside its first reads. */
  wantedIn(accountId: string): boolean {
    return this.wantedAccounts.has(accountId);
  }

  /** Whether the account's groups, once read, show an owned rule referencing a list that was not listed. */
  neededAfter(accountId: string, groups: readonly (ActualGroup | undefined)[]): boolean {
    if (this.listed.has(accountId)) return false;
    return groups.some((g) =>
      (g?.rules ?? []).some(
        (r) => r.peer.kind === 'prefix-list' && parseRuleDescription(r.description)?.deployment === this.config.name,
      ),
    );
  }

  async list(ecs: EcsPort, accountId: string, call: Call): Promise<void> {
    this.listed.add(accountId);
    const found = await call(() =>
      ecs.listTaggedPrefixLists(recordTagKey(this.config.name), recordTagValue(this.config.deploymentId)),
    );
    await Promise.all(
      found.map(async (l) => {
        const wanted = this.wanted.has(factKey(accountId, l.description));
        const entries = wanted ? await call(() => ecs.readPrefixListEntries(l.prefixListId)) : undefined;
        this.lists[factKey(accountId, l.prefixListId)] = {
          accountId,
          prefixListId: l.prefixListId,
          name: l.name,
          description: l.description,
          addressFamily: l.addressFamily,
          maxEntries: l.maxEntries,
          ...(entries === undefined ? {} : { entries: [...entries].sort() }),
        };
      }),
    );
  }

  state(): Pick<ActualState, 'prefixLists' | 'prefixListAccounts'> {
    if (this.listed.size === 0) return {};
    return { prefixLists: { ...this.lists }, prefixListAccounts: [...this.listed].sort() };
  }
}
