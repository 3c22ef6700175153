import type { NormalizedConfig, NormalizedPairing, PairingSide } from '../config';
import { factKey, isMember, memberKey, type AppliedStrategy, type RuleFacts } from '../rules';
import { selectPairings } from './select-pairings';

/** One resource to read: `key` is `<accountId>/<id>`, as in ActualState. */
export interface ReadTarget {
  readonly key: string;
  readonly accountId: string;
  readonly id: string;
  readonly region: string;
}

/** A listing of the instances a group or tag side selects (all pages); `key` is its memberKey. */
export interface MembershipTarget {
  readonly key: string;
  readonly accountId: string;
  readonly region: string;
  readonly securityGroupId?: string;
  readonly tags?: Readonly<Record<string, string>>;
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
  readonly memberships: readonly MembershipTarget[];
}

/**
 * What the I/O layer must read to plan the selected pairings (all when `selection` is undefined;
 * an unknown name throws 'UnknownPairing'). In phases, each call given what was read so far
 * (`known`): the group an instance or tag side receives in is known only once the instance or the
 * members are read; and a group side's members are listed only where it sends by address, known
 * for `auto` only once the groups are read and the strategies chosen (`strategies`). Every list is
 * sorted by key and free of duplicates.
 */
export function requiredReads(
  config: NormalizedConfig,
  selection?: readonly string[],
  known?: Pick<RuleFacts, 'instances' | 'memberInstances'>,
  strategies?: ReadonlyMap<string, { readonly chosen: AppliedStrategy }>,
): RequiredReads {
  const accounts = new Map<string, AccountRead>();
  const groups = new Map<string, ReadTarget>();
  const instances = new Map<string, ReadTarget>();
  const memberships = new Map<string, MembershipTarget>();
  // the first pairing by name decides a resource's region (a resource named in two regions is a
  // config mistake the plan reports as RegionMismatch once the resource is read)
  const add = (into: Map<string, ReadTarget>, accountId: string, id: string, region: string) => {
    const key = factKey(accountId, id);
    if (!into.has(key)) into.set(key, { key, accountId, id, region });
  };
  const list = (side: Extract<PairingSide, { kind: 'group' | 'tags' }>, region: string) => {
    const key = memberKey(side);
    if (memberships.has(key)) return;
    const selector = side.kind === 'group' ? { securityGroupId: side.securityGroupId } : { tags: side.tags };
    memberships.set(key, { key, accountId: side.accountId, region, ...selector });
  };

  for (const pairing of selectPairings(config, selection)) {
    const applied =
      strategies?.get(pairing.name)?.chosen ?? (pairing.strategy === 'auto' ? undefined : pairing.strategy);
    for (const side of pairing.sides) {
      const account = config.accounts[side.accountAlias];
      if (account !== undefined) accounts.set(account.accountId, { ...account });
      const receiving = receives(pairing, side);
      const sending = sends(pairing, side);
      switch (side.kind) {
        case 'group':
          add(groups, side.accountId, side.securityGroupId, pairing.region);
          if (sending && applied === 'addresses') list(side, pairing.region);
          break;
        case 'instance': {
          add(instances, side.accountId, side.instanceId, pairing.region);
          const groupId =
            side.securityGroupId ??
            (receiving ? known?.instances[factKey(side.accountId, side.instanceId)]?.securityGroupIds[0] : undefined);
          if (groupId !== undefined) add(groups, side.accountId, groupId, pairing.region);
          break;
        }
        case 'tags': {
          if ((sending && pairing.strategy !== 'cidr') || (receiving && side.securityGroupId === undefined))
            list(side, pairing.region);
          if (!receiving) break;
          if (side.securityGroupId !== undefined) {
            add(groups, side.accountId, side.securityGroupId, pairing.region);
            break;
          }
          for (const member of (known?.memberInstances?.[memberKey(side)] ?? []).filter(isMember)) {
            const first = member.securityGroupIds[0];
            if (first !== undefined) add(groups, side.accountId, first, pairing.region);
          }
          break;
        }
      }
    }
  }
  const sorted = <T>(map: Map<string, T>): T[] =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return {
    accounts: sorted(accounts),
    groups: sorted(groups),
    instances: sorted(instances),
    memberships: sorted(memberships),
  };
}

export function receives(pairing: NormalizedPairing, side: PairingSide): boolean {
  return pairing.direction === 'both' || pairing.sides[1] === side;
}

export function sends(pairing: NormalizedPairing, side: PairingSide): boolean {
  return pairing.direction === 'both' || pairing.sides[0] === side;
}
