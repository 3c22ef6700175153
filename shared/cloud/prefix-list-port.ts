/** ECS prefix lists (strategy prefix-list) as seen by one account: part of EcsPort. */

/** A prefix list as DescribePrefixLists answers it (ECS 2014-05-26). */
export interface PrefixListSummary {
  prefixListId: string;
  name: string;
  description: string;
  /** 'IPv4' | 'IPv6' */
  addressFamily: string;
  maxEntries: number;
  /** security groups whose rules reference it */
  associationCount: number;
}

/** CreatePrefixList's request: family and MaxEntries are fixed for the list's life. */
export interface NewPrefixList {
  name: string;
  description: string;
  addressFamily: 'IPv4' | 'IPv6';
  maxEntries: number;
  /** CIDR blocks, at most maxEntries */
  entries: string[];
  /** the record tag, set at creation (CreatePrefixList Tag.1) */
  tag: { key: string; value: string };
}

/**
 * ECS prefix lists as one account (shared/cloud/adapters/prefix-list-adapter.ts):
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createprefixlist
 */
export interface PrefixListPort {
  /** DescribePrefixLists by tag (key and value), all pages, by id */
  listTaggedPrefixLists(key: string, value: string): Promise<PrefixListSummary[]>;
  /** DescribePrefixListAttributes: the list's CIDR entries */
  readPrefixListEntries(prefixListId: string): Promise<string[]>;
  /** CreatePrefixList; the client token makes a retried request create one list */
  createPrefixList(list: NewPrefixList, clientToken: string): Promise<{ prefixListId: string }>;
  /** ModifyPrefixList: at most 200 entries added and 200 removed in one call */
  modifyPrefixListEntries(prefixListId: string, add: string[], remove: string[]): Promise<void>;
  /** DeletePrefixList: refused (NotAllowed.AssociationExist) while a rule references it */
  deletePrefixList(prefixListId: string): Promise<void>;
}
