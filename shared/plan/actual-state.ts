import type { CanonicalRule, GroupFacts, InstanceFacts, OwnedPrefixList, VpcFacts } from '../rules';

/** A security group as read: its facts, its ingress rules (canonical) and its quota counters. */
export interface ActualGroup extends GroupFacts {
  /** 'Accept' | 'Drop' as read */
  readonly innerAccessPolicy: string;
  /** ingress rules, canonicalized (see canonicalizeRule) */
  readonly rules: readonly CanonicalRule[];
  /** egress rules, canonicalized (canonicalizeEgressRule); absent (fakes, older saved states): none */
  readonly egressRules?: readonly CanonicalRule[];
  /** ingress + egress rules in the group, for the per-group rule quota */
  readonly ruleCount: number;
  /** distinct groups its rules already reference, for the group-reference quota */
  readonly referencedGroupCount: number;
}

export type ActualInstance = InstanceFacts;

/** An account that could not be read (e.g. AssumeRole denied): its pairings fail, others go on. */
export interface AccountFailure {
  readonly accountId: string;
  /** CamelCase token, e.g. 'AssumeRoleDenied', 'Throttling' */
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

/** A group carrying this deployment's record tag that could not be read: left as it is this run. */
export interface UnreadRecordedGroup {
  readonly accountId: string;
  readonly groupId: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Everything the plan needs from the cloud, read fresh. Keys are `<accountId>/<id>` (factKey);
 * a missing key means the resource was looked for and not found.
 */
export interface ActualState {
  readonly groups: Readonly<Partial<Record<string, ActualGroup>>>;
  readonly instances: Readonly<Partial<Record<string, ActualInstance>>>;
  /** the instances each group or tag side selects, by memberKey, where they were listed */
  readonly memberInstances?: Readonly<Partial<Record<string, readonly ActualInstance[]>>>;
  /** the CIDR blocks of the members' VPCs, by `<account>/<vpc>` (see RuleFacts.vpcs) */
  readonly vpcs?: Readonly<Partial<Record<string, VpcFacts>>>;
  readonly accountFailures: readonly AccountFailure[];
  /**
   * `<accountId>/<id>` of the instances and groups the API answered do not exist (looked up by id,
   * not returned; InvalidSecurityGroupId.NotFound), sorted. Only these are gone: a key merely
   * absent (never looked up) is not, and a failed read fails its account instead.
   */
  readonly gone?: readonly string[];
  /**
   * The groups carrying this deployment's record tag (rules/recordTagKey), `<account>/<group>`,
   * sorted; present only where this run listed them (a full run with pruning on). Their owned rules
   * are pruned like a receiving group's, and those left without one are untagged.
   */
  readonly recordedGroups?: readonly string[];
  /**
   * the record tag's value (`owned`, `owned:<id>`, or '' when absent) by `<account>/<group>`, where read:
   * the listed groups, and the groups holding legacy markers of a deployment with an id (see deployment-claims.ts)
   */
  readonly recordValues?: Readonly<Partial<Record<string, string>>>;
  /** recorded groups that could not be read (e.g. refused by RAM): neither pruned nor untagged */
  readonly unreadRecordedGroups?: readonly UnreadRecordedGroup[];
  /**
   * The deployment's own prefix lists (CreatePrefixList tagged with the record tag), by
   * `<account>/<prefix list id>`, in the accounts where they were listed (see read-prefix-lists.ts);
   * `prefixListAccounts` names those accounts (a list absent there is gone).
   */
  readonly prefixLists?: Readonly<Partial<Record<string, OwnedPrefixList>>>;
  readonly prefixListAccounts?: readonly string[];
  /** groups this process already knows to carry the tag (listed or tagged earlier): not tagged again */
  readonly taggedGroups?: readonly string[];
}
