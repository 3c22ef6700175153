import type { NormalizedConfig, NormalizedPairing, PairingSide } from '../config';
import { factKey, isMember, memberKey, type AppliedStrategy, type InstanceFacts, type RuleFacts } from '../rules';
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
 * sorted by key and free of duplicates. A pairing in `listOnly` (planned from its sending side alone,
 * see PlanOptions.listOnly) reads only its sending sides' members: no group, no instance side.
 */
export function requiredReads(
  config: NormalizedConfig,
  selection?: readonly string[],
  known?: Pick<RuleFacts, 'instances' | 'memberInstances'>,
  strategies?: ReadonlyMap<string, { readonly chosen: AppliedStrategy }>,
  listOnly?: ReadonlySet<string>,
): RequiredReads {
  const reads = new ReadsFound();
  for (const pairing of selectPairings(config, selection)) {
    if (listOnly?.has(pairing.name) === true) {
      readSenders(reads, config, pairing);
      continue;
    }
    const applied =
      strategies?.get(pairing.name)?.chosen ?? (pairing.strategy === 'auto' ? undefined : pairing.strategy);
    for (const side of pairing.sides) {
      const account = config.accounts[side.accountAlias];
      if (account !== undefined) reads.accounts.set(account.accountId, { ...account });
      const at: SideRole = {
        pairing,
        applied,
        known,
        receiving: receives(pairing, side),
        sending: sends(pairing, side),
      };
      if (side.kind === 'group') readGroupSide(reads, at, side);
      else if (side.kind === 'instance') readInstanceSide(reads, at, side);
      else readTagSide(reads, at, side);
    }
  }
  return reads.sorted();
}

/** A list-only pairing: its accounts, and the members of its sending group and tag sides. */
function readSenders(reads: ReadsFound, config: NormalizedConfig, pairing: NormalizedPairing): void {
  for (const side of pairing.sides) {
    const account = config.accounts[side.accountAlias];
    if (account !== undefined) reads.accounts.set(account.accountId, { ...account });
    if (sends(pairing, side) && side.kind !== 'instance') reads.membersOf(side, pairing.region);
  }
}

/** What a side does in its pairing, and what is known of it so far. */
interface SideRole {
  readonly pairing: NormalizedPairing;
  /** the strategy the pairing acts with; undefined for `auto` until the strategies are chosen */
  readonly applied: AppliedStrategy | undefined;
  readonly known: Pick<RuleFacts, 'instances' | 'memberInstances'> | undefined;
  readonly receiving: boolean;
  readonly sending: boolean;
}

/** A group side: the group, and its members where it sends by address. */
function readGroupSide(reads: ReadsFound, at: SideRole, side: Extract<PairingSide, { kind: 'group' }>): void {
  reads.target(reads.groups, side.accountId, side.securityGroupId, at.pairing.region);
  if (at.sending && (at.applied === 'addresses' || at.applied === 'prefix-list'))
    reads.membersOf(side, at.pairing.region);
}

/** An instance side: the instance, and the group it receives in (its first, once the instance is read). */
function readInstanceSide(reads: ReadsFound, at: SideRole, side: Extract<PairingSide, { kind: 'instance' }>): void {
  reads.target(reads.instances, side.accountId, side.instanceId, at.pairing.region);
  const instance = at.known?.instances[factKey(side.accountId, side.instanceId)];
  const groupId = side.securityGroupId ?? (at.receiving ? instance?.securityGroupIds[0] : undefined);
  if (groupId !== undefined) reads.target(reads.groups, side.accountId, groupId, at.pairing.region);
  if (instance !== undefined) readEgressOf(reads, at, side.accountId, [instance]);
}

/**
 * A sender under `egress: check` (the default): every group of its instances, so the plan can judge
 * their egress (EgressBlocked: all groups of an instance decide). Most are read already (a receiving
 * group, one group per instance): only a sender's groups that receive nothing cost a call.
 */
function readEgressOf(
  reads: ReadsFound,
  at: SideRole,
  accountId: string,
  instances: readonly Pick<InstanceFacts, 'securityGroupIds'>[],
): void {
  if (!at.sending || at.pairing.egress === 'manage') return;
  for (const i of instances)
    for (const groupId of i.securityGroupIds) reads.target(reads.groups, accountId, groupId, at.pairing.region);
}

/** A tag side: its members, and the groups they receive in (named, or each member's first). */
function readTagSide(reads: ReadsFound, at: SideRole, side: Extract<PairingSide, { kind: 'tags' }>): void {
  const region = at.pairing.region;
  if ((at.sending && at.pairing.strategy !== 'cidr') || (at.receiving && side.securityGroupId === undefined))
    reads.membersOf(side, region);
  readEgressOf(reads, at, side.accountId, (at.known?.memberInstances?.[memberKey(side)] ?? []).filter(isMember));
  if (!at.receiving) return;
  if (side.securityGroupId !== undefined) {
    reads.target(reads.groups, side.accountId, side.securityGroupId, region);
    return;
  }
  for (const member of (at.known?.memberInstances?.[memberKey(side)] ?? []).filter(isMember)) {
    const first = member.securityGroupIds[0];
    if (first !== undefined) reads.target(reads.groups, side.accountId, first, region);
  }
}

/**
 * The reads found so far, each once. The first pairing by name decides a resource's region (a
 * resource named in two regions is a config mistake the plan reports as RegionMismatch once read).
 */
class ReadsFound {
  readonly accounts = new Map<string, AccountRead>();
  readonly groups = new Map<string, ReadTarget>();
  readonly instances = new Map<string, ReadTarget>();
  readonly memberships = new Map<string, MembershipTarget>();

  target(into: Map<string, ReadTarget>, accountId: string, id: string, region: string): void {
    const key = factKey(accountId, id);
    if (!into.has(key)) into.set(key, { key, accountId, id, region });
  }

  membersOf(side: Extract<PairingSide, { kind: 'group' | 'tags' }>, region: string): void {
    const key = memberKey(side);
    if (this.memberships.has(key)) return;
    const selector = side.kind === 'group' ? { securityGroupId: side.securityGroupId } : { tags: side.tags };
    this.memberships.set(key, { key, accountId: side.accountId, region, ...selector });
  }

  sorted(): RequiredReads {
    const byKey = <T>(map: Map<string, T>): T[] =>
      [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    return {
      accounts: byKey(this.accounts),
      groups: byKey(this.groups),
      instances: byKey(this.instances),
      memberships: byKey(this.memberships),
    };
  }
}

/** Whether a side holds rules of the pairing: ingress as a receiver, or its egress under `egress: manage`. */
export function receives(pairing: NormalizedPairing, side: PairingSide): boolean {
  return pairing.direction === 'both' || pairing.egress === 'manage' || pairing.sides[1] === side;
}

/** Whether a side is written into rules: as a source, or as the destination of egress under `egress: manage`. */
export function sends(pairing: NormalizedPairing, side: PairingSide): boolean {
  return pairing.direction === 'both' || pairing.egress === 'manage' || pairing.sides[0] === side;
}
