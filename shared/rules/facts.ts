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
}

/** `<accountId>/<resourceId>`: how facts and actual state are keyed. */
export function factKey(accountId: string, resourceId: string): string {
  return `${accountId}/${resourceId}`;
}
