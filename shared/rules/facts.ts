import type { OwnedPrefixList } from './prefix-list-rules';

/**
 * What is known about the resources a pairing names, as read from the cloud. Lookups are keyed
 * `<accountId>/<resourceId>` (see factKey); a missing key means "read, and not found".
 */
export interface InstanceFacts {
  readonly accountId: string;
  readonly instanceId: string;
  /** ECS status, e.g. 'Running', 'Stopped', 'Pending' */
  readonly status: string;
  /** the primary private IPv4 address, when it has one */
  readonly privateIp: string | undefined;
  /** the IPv6 addresses of its network interfaces (Ipv6Sets), when read; absent or empty: none */
  readonly ipv6Addresses?: readonly string[];
  /** '' for classic network */
  readonly vpcId: string;
  /** in the order ECS reports them; the first one receives unless the side names another */
  readonly securityGroupIds: readonly string[];
  /** when known: checked against the pairing's region */
  readonly regionId?: string;
}

export type GroupType = 'normal' | 'enterprise';

export interface GroupFacts {
  readonly accountId: string;
  readonly groupId: string;
  /** '' for a classic-network group */
  readonly vpcId: string;
  readonly type: GroupType;
  /** 'Accept' | 'Drop' as the API says (compared case-insensitively); absent counts as Accept */
  readonly innerAccessPolicy?: string;
  /** when known: checked against the pairing's region */
  readonly regionId?: string;
}

export interface RuleFacts {
  readonly groups: Readonly<Partial<Record<string, GroupFacts>>>;
  readonly instances: Readonly<Partial<Record<string, InstanceFacts>>>;
  /**
   * The instances a group or tag side selects, as listed (all pages), by memberKey. Present only
   * where they were needed: tag sides, and group sides sending by address.
   */
  readonly memberInstances?: Readonly<Partial<Record<string, readonly InstanceFacts[]>>>;
  /**
   * The CIDR blocks of the VPCs members send from (DescribeVpcs: primary, secondary and user
   * CIDRs), by factKey(account read in, VPC id); a missing key means "looked for, not found", and a
   * member there is refused. Absent: not read, so only the ranges are checked (the product's read
   * always supplies it; see shared/reconcile/fact-reads.ts).
   */
  readonly vpcs?: Readonly<Partial<Record<string, VpcFacts>>>;
  /** the deployment's own prefix lists (strategy prefix-list), by factKey(account, prefix list id), where read */
  readonly prefixLists?: Readonly<Partial<Record<string, OwnedPrefixList>>>;
}

export interface VpcFacts {
  readonly vpcId: string;
  /** CidrBlock, then SecondaryCidrBlocks and UserCidrs as the API gives them */
  readonly cidrs: readonly string[];
}

/** `<accountId>/<resourceId>`: how facts and actual state are keyed. */
export function factKey(accountId: string, resourceId: string): string {
  return `${accountId}/${resourceId}`;
}

/** What selects members: a group (its instances) or tags (the account's instances carrying all of them). */
export type MemberSelector =
  | { readonly accountId: string; readonly securityGroupId: string }
  | { readonly accountId: string; readonly tags: Readonly<Record<string, string>> };

/** `<accountId>/members:<group>` or `<accountId>/tags:<k>=<v>&...` (keys sorted, URI-encoded). */
export function memberKey(selector: MemberSelector): string {
  // Tags first: a tag side may also name the group it receives in, and must not share that group's member list.
  if (!('tags' in selector)) return factKey(selector.accountId, `members:${selector.securityGroupId}`);
  const pairs = Object.keys(selector.tags)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(selector.tags[k] ?? '')}`);
  return factKey(selector.accountId, `tags:${pairs.join('&')}`);
}

/**
 * Whether a listed instance counts as a member now: Running with a primary private IP. One that
 * has no IP yet is not a member yet (its Running state change brings it in later).
 */
export function isMember(instance: InstanceFacts): boolean {
  return instance.status === 'Running' && instance.privateIp !== undefined && instance.privateIp !== '';
}
