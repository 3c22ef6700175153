import type { PairingSide } from '../config';
import { descriptionPrefix } from './rule-description';

/**
 * Strategy prefix-list: the members' addresses of a sending side go into one prefix list owned by
 * the deployment (in the side's account), and each receiving group holds one rule referencing it
 * (SourcePrefixListId). A launch or release then changes the list (ModifyPrefixList), not the rules.
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createprefixlist
 */

/** MaxEntries is 1..200 and fixed at creation (ModifyPrefixList has no MaxEntries). */
export const PREFIX_LIST_MAX_ENTRIES = 200;
/** ModifyPrefixList takes at most 200 AddEntry and 200 RemoveEntry per call. */
export const PREFIX_LIST_ENTRIES_PER_CALL = 200;

/** A list's address family, fixed at creation; only IPv4 is written today. */
export type PrefixListFamily = 'IPv4' | 'IPv6';

/** An owned prefix list as read (DescribePrefixLists by the record tag; entries when needed). */
export interface OwnedPrefixList {
  readonly accountId: string;
  readonly prefixListId: string;
  readonly name: string;
  /** `sg-pairing:<deployment>:list:<digest>` (prefixListDescription): the side it carries */
  readonly description: string;
  readonly addressFamily: string;
  readonly maxEntries: number;
  /** its CIDR entries, when read (only lists a selected pairing wants are read) */
  readonly entries?: readonly string[];
}

/** The list a prefix-list pairing wants for one sending side. */
export interface DesiredPrefixList {
  readonly accountId: string;
  readonly description: string;
  readonly family: PrefixListFamily;
  /** the side's member addresses (/32), sorted */
  readonly entries: readonly string[];
  /** the id when the list exists, else absent (created by apply) */
  readonly prefixListId?: string;
}

/**
 * The description that marks a list as this deployment's: `sg-pairing:<deployment>:list:<digest>`,
 * the digest of what decides its entries (region, account, the members' selector, the ranges they
 * may lie in). Every prefix-list pairing sending from the same side shares the one list, so a launch
 * changes one list whatever the number of pairings and peer groups.
 */
export function prefixListDescription(
  deployment: string,
  region: string,
  side: PairingSide,
  family: PrefixListFamily = 'IPv4',
): string {
  const selector =
    side.kind === 'group'
      ? { group: side.securityGroupId }
      : side.kind === 'instance'
        ? { instance: side.instanceId }
        : { tags: side.tags };
  const key = JSON.stringify([region, side.accountId, selector, side.allowedMemberRanges ?? []]);
  const base = `${descriptionPrefix}:${deployment}:list:${digest(key)}`;
  return family === 'IPv4' ? base : `${base}:ipv6`;
}

/** The deployment of an owned list's description, when it is one. */
export function parsePrefixListDescription(description: string): { deployment: string } | undefined {
  const m = /^sg-pairing:([a-z0-9-]{1,63}):list:([0-9a-f]{16})(:ipv6)?$/.exec(description);
  return m === null ? undefined : { deployment: m[1] as string };
}

/** 64 bits of two FNV-style hashes, hex: short, stable, and pure (no crypto needed for a name). */
function digest(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** PrefixListName (2..128, starts with a letter, letters digits `:_.-`): the description, which always fits. */
export function prefixListName(description: string): string {
  return description;
}

/** The rule peer of a list that does not exist yet; apply puts the created list's id in its place. */
export function pendingPrefixListId(description: string): string {
  return `pending:${description}`;
}

export function pendingDescriptionOf(prefixListId: string): string | undefined {
  return prefixListId.startsWith('pending:') ? prefixListId.slice('pending:'.length) : undefined;
}

/**
 * MaxEntries for a new list of `members` entries: room to grow by half again (at least 10), at most
 * 200. Every referencing rule takes this many of its group's 200-rule room, so the headroom is a
 * trade: more launches before the list is full, less room for other rules. Undefined when the
 * members alone exceed 200 (a list cannot hold them).
 */
export function sizeMaxEntries(members: number): number | undefined {
  if (members > PREFIX_LIST_MAX_ENTRIES) return undefined;
  return Math.min(PREFIX_LIST_MAX_ENTRIES, members + Math.max(10, Math.ceil(members / 2)));
}

/** The owned list carrying this description in this account, if read. */
export function findOwnedList(
  lists: Readonly<Partial<Record<string, OwnedPrefixList>>> | undefined,
  accountId: string,
  description: string,
): OwnedPrefixList | undefined {
  for (const l of Object.values(lists ?? {}))
    if (l !== undefined && l.accountId === accountId && l.description === description) return l;
  return undefined;
}
