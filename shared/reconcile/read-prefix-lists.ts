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
 * The owned lists a process has listed, by `<account>/<description>` (entries left out), kept across
 * runs for PREFIX_LIST_CACHE_MS: an event run of a list-only pairing reads a known list's entries by
 * its id, without DescribePrefixLists. A list's id, MaxEntries and family never change; each listing
 * refreshes its account's, a known id that cannot be read is listed again, and after that time it is
 * listed again anyway (a list replaced, or its description edited by hand, is seen within it).
 */
export type PrefixListCache = Map<
  string,
  { readonly list: Omit<OwnedPrefixList, 'entries'>; readonly listedAt: number }
>;
export const PREFIX_LIST_CACHE_MS = 10 * 60_000;

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
  /** accounts where a selected prefix-list pairing is planned whole (not list-only): always listed */
  private readonly listedAlways = new Set<string>();

  constructor(
    private readonly config: NormalizedConfig,
    selection: readonly string[] | undefined,
    listOnly: ReadonlySet<string> = new Set(),
    private readonly cache?: PrefixListCache,
  ) {
    for (const p of selectPairings(config, selection).filter((x) => x.strategy === 'prefix-list')) {
      const only = listOnly.has(p.name);
      for (const side of p.sides) {
        this.wantedAccounts.add(side.accountId);
        if (!only) this.listedAlways.add(side.accountId);
        if (!only || side === p.sides[0] || p.direction === 'both')
          this.wanted.add(factKey(side.accountId, prefixListDescription(config.name, p.region, side)));
      }
    }
  }

  /**
   * The account's lists: when only list-only pairings want them and this process knows each, their
   * entries by id (DescribePrefixListAttributes alone); otherwise, or when a known id cannot be read,
   * listed (see list).
   */
  async read(ecs: EcsPort, accountId: string, call: Call): Promise<void> {
    const known = this.listedAlways.has(accountId) ? undefined : this.knownIn(accountId);
    if (known !== undefined) {
      try {
        const read = await Promise.all(known.map((l) => call(() => ecs.readPrefixListEntries(l.prefixListId))));
        known.forEach((l, n) => (this.lists[factKey(accountId, l.prefixListId)] = { ...l, entries: read[n]!.sort() }));
        return;
      } catch {
        for (const l of known) this.cache?.delete(factKey(accountId, l.description));
      }
    }
    await this.list(ecs, accountId, call);
  }

  /** The known lists of every description wanted in the account, or undefined when one is not known. */
  private knownIn(accountId: string): Omit<OwnedPrefixList, 'entries'>[] | undefined {
    const wanted = [...this.wanted].filter((k) => k.startsWith(`${accountId}/`));
    const now = Date.now();
    const known = wanted
      .map((k) => this.cache?.get(k))
      .map((c) => (c !== undefined && now - c.listedAt < PREFIX_LIST_CACHE_MS ? c.list : undefined));
    return known.length > 0 && known.every((l) => l !== undefined)
      ? (known as Omit<OwnedPrefixList, 'entries'>[])
      : undefined;
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
    for (const key of [...(this.cache?.keys() ?? [])]) if (key.startsWith(`${accountId}/`)) this.cache?.delete(key);
    for (const l of found) {
      const { prefixListId, name, description, addressFamily, maxEntries } = l;
      const list = { accountId, prefixListId, name, description, addressFamily, maxEntries };
      this.cache?.set(factKey(accountId, description), { list, listedAt: Date.now() });
    }
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
    if (this.listed.size === 0 && Object.keys(this.lists).length === 0) return {};
    return { prefixLists: { ...this.lists }, prefixListAccounts: [...this.listed].sort() };
  }
}
