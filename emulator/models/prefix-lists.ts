import { apiError } from '../errors/api-errors';
import { formatIpv4, parseCidr, parseIpv4 } from './ipv4';
import { isoSeconds, type Scope } from './scope';
import type { Rule, SecurityGroup, World } from './world';

/**
 * An ECS prefix list (ECS 2014-05-26 CreatePrefixList): its address family and MaxEntries are fixed at
 * creation (ModifyPrefixList takes neither); entries are CIDR blocks, each once.
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createprefixlist
 */
export interface PrefixList {
  id: string;
  owner: string;
  region: string;
  name: string;
  description: string;
  addressFamily: 'IPv4' | 'IPv6';
  maxEntries: number;
  /** CIDR -> entry description, in the order added */
  entries: Map<string, string>;
  tags: Record<string, string>;
  creationTime: string;
}

/** Prefix lists one account may have in a region (the Prefix lists overview's quota). */
export const MAX_PREFIX_LISTS = 100;
/** MaxEntries is 1..200 (CreatePrefixList). */
export const MAX_PREFIX_LIST_ENTRIES = 200;

export interface NewPrefixList {
  name: string;
  description: string;
  addressFamily: string;
  maxEntries: number | undefined;
  entries: { cidr: string; description: string }[];
  tags: Record<string, string>;
}

/** CreatePrefixList: validated, within the per-region quota and its own MaxEntries. */
export function createPrefixList(scope: Scope, input: NewPrefixList): PrefixList {
  if (input.addressFamily !== 'IPv4' && input.addressFamily !== 'IPv6')
    throw apiError('InvalidParameter.AddressFamily');
  const max = input.maxEntries;
  if (max === undefined || !Number.isInteger(max) || max < 1 || max > MAX_PREFIX_LIST_ENTRIES)
    throw apiError('InvalidParameter.MaxEntries');
  if (!/^[a-zA-Z][\w:.-]{1,127}$/.test(input.name) || /^(com\.aliyun|com\.alibabacloud)/.test(input.name))
    throw apiError('InvalidParameter', 'The specified parameter "PrefixListName" is not valid.');
  if (ownLists(scope).length >= MAX_PREFIX_LISTS) throw apiError('QuotaExceed.PrefixList');
  const list: PrefixList = {
    id: scope.world.nextId('pl-'),
    owner: scope.account,
    region: scope.region,
    name: input.name,
    description: input.description,
    addressFamily: input.addressFamily,
    maxEntries: max,
    entries: new Map(),
    tags: { ...input.tags },
    creationTime: isoSeconds(scope.now),
  };
  addEntries(list, input.entries, []);
  scope.world.prefixLists.set(list.id, list);
  return list;
}

/** ModifyPrefixList: removals, then additions (an entry given again only changes its description); all or nothing. */
export function modifyPrefixList(
  scope: Scope,
  id: string,
  change: { add: { cidr: string; description: string }[]; remove: string[]; name?: string; description?: string },
): void {
  const list = findPrefixList(scope, id);
  const remove = change.remove.map((c) => canonicalCidr(list, c));
  if (new Set(remove).size < remove.length) throw apiError('InvalidParameter.DuplicateCidr');
  for (const c of remove) if (!list.entries.has(c)) throw apiError('InvalidParameter.Cidr');
  addEntries(list, change.add, remove);
  if (change.name !== undefined) list.name = change.name;
  if (change.description !== undefined) list.description = change.description;
}

function addEntries(list: PrefixList, add: { cidr: string; description: string }[], remove: string[]): void {
  const adding = add.map((e) => ({ cidr: canonicalCidr(list, e.cidr), description: e.description }));
  const cidrs = adding.map((e) => e.cidr);
  if (new Set(cidrs).size < cidrs.length || cidrs.some((c) => remove.includes(c)))
    throw apiError('InvalidParameter.DuplicateCidr');
  const next = new Map(list.entries);
  for (const c of remove) next.delete(c);
  for (const e of adding) next.set(e.cidr, e.description);
  if (next.size > list.maxEntries) throw apiError('QuotaExceed.PrefixListEntries');
  list.entries = next;
}

/** A single address becomes its /32; a CIDR must be its network address (10.0.0.1/8 is refused). */
function canonicalCidr(list: PrefixList, text: string): string {
  if (list.addressFamily === 'IPv6') {
    if (!text.includes(':')) throw apiError('InvalidParameter.Cidr');
    return text.toLowerCase(); // IPv6 entries: kept as given (family handled by the IPv6 work)
  }
  const whole = text.includes('/') ? text : `${text}/32`;
  const cidr = parseCidr(whole);
  const [ip, bits] = whole.split('/') as [string, string];
  if (cidr === undefined || parseIpv4(ip) === undefined) throw apiError('InvalidParameter.Cidr');
  const canonical = `${formatIpv4(cidr.base)}/${bits}`;
  if (canonical !== whole) throw apiError('InvalidParameter.Cidr');
  return canonical;
}

/** The caller's own list in the requested region, or InvalidPrefixListId.NotFound (404). */
export function findPrefixList(scope: Scope, id: string): PrefixList {
  const list = scope.world.prefixLists.get(id);
  if (!list || list.owner !== scope.account || list.region !== scope.region)
    throw apiError('InvalidPrefixListId.NotFound');
  return list;
}

export function ownLists(scope: Scope): PrefixList[] {
  return [...scope.world.prefixLists.values()]
    .filter((l) => l.owner === scope.account && l.region === scope.region)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The security groups holding a rule that references the list (DescribePrefixListAssociations), by id. */
export function associationsOf(world: World, list: PrefixList): SecurityGroup[] {
  return [...world.groups.values()]
    .filter((g) => g.rules.some((r) => r.sourcePrefixListId === list.id))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** DeletePrefixList: refused with NotAllowed.AssociationExist while a rule references it. */
export function deletePrefixList(scope: Scope, id: string): void {
  const list = findPrefixList(scope, id);
  if (associationsOf(scope.world, list).length > 0) throw apiError('NotAllowed.AssociationExist');
  scope.world.prefixLists.delete(id);
}

/**
 * The rule room a rule takes in its group: a rule referencing a prefix list takes the list's
 * MaxEntries (Prefix lists overview: "a referenced prefix list consumes its maximum number of
 * entries of the quota"), every other rule one.
 */
export function ruleRoom(world: World, rules: readonly Pick<Rule, 'sourcePrefixListId'>[]): number {
  let n = 0;
  for (const r of rules) n += r.sourcePrefixListId ? (world.prefixLists.get(r.sourcePrefixListId)?.maxEntries ?? 1) : 1;
  return n;
}

/**
 * A rule's SourcePrefixListId must name a list of the group's own account in its region (sharing
 * with other accounts is not modelled: UNCONFIRMED, COVERAGE-ecs.md), and a classic-network group
 * cannot reference one.
 */
export function checkPrefixListSource(scope: Scope, group: SecurityGroup, prefixListId: string): void {
  if (group.vpcId === '') throw apiError('OperationDenied.ClassicNetworkPrefixList');
  findPrefixList(scope, prefixListId);
}
