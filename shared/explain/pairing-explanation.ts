/**
 * The diagnosis of one pairing: for each direction, whether the receiving instance's security
 * groups let the pairing's traffic in, which rule decides, and the network prerequisites no
 * security group can provide. A plain, serializable value (explainPairing builds it, purely).
 */

/** Allowed: every part of the traffic is let in. Blocked: some part is not. Unknown: not enough was read. */
export type Verdict = 'Allowed' | 'Blocked' | 'Unknown';

export type VerdictReason =
  /** a group both instances are in lets its members talk (InnerAccessPolicy Accept), whatever the rules */
  | 'InnerAccessAccept'
  /** accept rules let all of it in */
  | 'AcceptRule'
  /** a drop rule matches first (by priority; drop wins at equal priority) */
  | 'DropRule'
  /** no rule lets (some of) it in: default deny */
  | 'NoMatchingRule'
  /** a group of the receiving instance could not be read */
  | 'GroupNotRead'
  /** an end of the direction is missing, not Running, or has no address */
  | 'EndpointUnknown'
  /** let in, but a drop egress rule of the sending instance's groups stops it leaving */
  | 'EgressDropRule'
  /** let in, but the sending instance's enterprise group lets no such traffic out (its default) */
  | 'EgressDefaultDeny';

/** One end of a direction: the instance that stands for its side. */
export interface Endpoint {
  /** 0: the pairing's first side, 1: its second */
  readonly side: 0 | 1;
  readonly accountId: string;
  /** the instance evaluated; absent when a group or tag side has no known Running member */
  readonly instanceId?: string;
  readonly ip?: string;
  readonly vpcId?: string;
  /** every group of the instance (or the side's own group when no member is known) */
  readonly groupIds: readonly string[];
}

/** A rule as the diagnosis names it. */
export interface RuleRef {
  readonly ruleId?: string;
  readonly accountId: string;
  readonly groupId: string;
  readonly priority: number;
  readonly policy: 'accept' | 'drop';
  readonly protocol: string;
  readonly ports: string;
  /** the source as written: a CIDR, or `<group> (account <uid>)` */
  readonly source: string;
  readonly description: string;
}

export interface DirectionExplanation {
  /**
   * The address family evaluated (a pairing with ipVersion ipv6 or dual: one direction per family,
   * its ends' `ip` in that family); absent for an IPv4-only pairing, whose traffic is IPv4.
   */
  readonly family?: 'ipv4' | 'ipv6';
  readonly from: Endpoint;
  readonly to: Endpoint;
  /** the pairing's traffic, e.g. `tcp 5432/5432` or `all` */
  readonly traffic: string;
  readonly verdict: Verdict;
  readonly reason: VerdictReason;
  readonly message: string;
  /** the deciding rule: the drop rule that blocks, or the accept rule that completes the allowance */
  readonly rule?: RuleRef;
  /** with InnerAccessAccept: the group both ends are in */
  readonly sharedGroupId?: string;
  /** the receiving groups whose ingress rules were merged, in the instance's order */
  readonly evaluatedGroups: readonly string[];
  /** what the evaluation could not take into account */
  readonly notes: readonly string[];
  /** the sending instance's egress (every group of it, merged like ingress); absent when an end was unknown */
  readonly egress?: EgressExplanation;
}

/** Whether the traffic may leave the sending instance, and the egress rule that decides (if one does). */
export interface EgressExplanation {
  readonly verdict: Verdict;
  /** EgressAcceptRule, EgressDefaultAccept, EgressDropRule, EgressDefaultDeny or EgressGroupNotRead */
  readonly reason: string;
  readonly message: string;
  readonly rule?: RuleRef;
  /** the sending groups whose egress rules were merged */
  readonly evaluatedGroups: readonly string[];
}

export type PrerequisiteCode = 'SameRegion' | 'SameVpc' | 'VpcConnectionNeeded' | 'ClassicNetwork' | 'InstanceRunning';

/** A network condition outside security groups. */
export interface Prerequisite {
  readonly code: PrerequisiteCode;
  /** ok: met; warning: sg-pairing cannot tell (e.g. a CEN it cannot see); failed: not met; unknown: not read */
  readonly status: 'ok' | 'warning' | 'failed' | 'unknown';
  readonly message: string;
  readonly vpcIds?: readonly string[];
  readonly instanceId?: string;
}

export interface PairingExplanation {
  readonly version: 1;
  readonly pairing: string;
  readonly region: string;
  readonly traffic: string;
  /** both directions, or the one of a first-to-second pairing (first side sends) */
  readonly directions: readonly DirectionExplanation[];
  readonly prerequisites: readonly Prerequisite[];
  /** every direction Allowed and every prerequisite ok (a warning or an unknown is not an allowance) */
  readonly allowed: boolean;
}
