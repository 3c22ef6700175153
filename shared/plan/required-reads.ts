import type { NormalizedConfig, NormalizedPairing, PairingSide } from '../config';
import { factKey, type RuleFacts } from '../rules';
import { selectPairings } from './select-pairings';

/** One resource to read: `key` is `<accountId>/<id>`, as in ActualState. */
export interface ReadTarget {
  readonly key: string;
  readonly accountId: string;
  readonly id: string;
  readonly region: string;
}

/** An account to act in, with the role to assume there. */
export interface AccountRead {
  readonly accountId: string;
  readonly alias: string;
  readonly roleArn: string;
  readonly externalId?: string;
}

export interface RequiredReads {
  readonly accounts: readonly AccountRead[];
  readonly groups: readonly ReadTarget[];
  readonly instances: readonly ReadTarget[];
}

/**
 * What the I/O layer must read to plan the selected pairings (all when `selection` is undefined;
 * an unknown name throws 'UnknownPairing'). Two phases: the groups an instance side receives in
 * are known only once the instance is read, so call again with the instances read so far (`known`)
 * and read the groups that were added. Every list is sorted by key and free of duplicates.
 */
export function requiredReads(config: NormalizedConfig, selection?: readonly string[], known?: Pick<RuleFacts, 'instances'>): RequiredReads {
  const accounts = new Map<string, AccountRead>();
  const groups = new Map<string, ReadTarget>();
  const instances = new Map<string, ReadTarget>();
  // the first pairing by name decides a resource's region (a resource named in two regions is a
  // config mistake the plan reports as RegionMismatch once the resource is read)
  const add = (into: Map<string, ReadTarget>, accountId: string, id: string, region: string) => {
    const key = factKey(accountId, id);
    if (!into.has(key)) into.set(key, { key, accountId, id, region });
  };

  for (const pairing of selectPairings(config, selection)) {
    for (const side of pairing.sides) {
      const account = config.accounts[side.accountAlias];
      if (account !== undefined) accounts.set(account.accountId, { ...account });
      if (side.kind === 'group') {
        add(groups, side.accountId, side.securityGroupId, pairing.region);
        continue;
      }
      add(instances, side.accountId, side.instanceId, pairing.region);
      const groupId = side.securityGroupId ?? (receives(pairing, side) ? known?.instances[factKey(side.accountId, side.instanceId)]?.securityGroupIds[0] : undefined);
      if (groupId !== undefined) add(groups, side.accountId, groupId, pairing.region);
    }
  }
  const sorted = <T>(map: Map<string, T>): T[] => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { accounts: sorted(accounts), groups: sorted(groups), instances: sorted(instances) };
}

function receives(pairing: NormalizedPairing, side: PairingSide): boolean {
  return pairing.direction === 'both' || pairing.sides[1] === side;
}
