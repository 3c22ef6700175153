import { z } from 'zod';
import { CanonicalRuleSchema } from '../rules';

/**
 * The plan is a value: versioned, sorted (pairings by name, groups by account then id, rules by
 * key) and JSON-serializable. It adds the missing rules of each pairing and revokes only rules that
 * carry this deployment's exact marker and are no longer desired. The schema parses a saved plan at
 * the edge; fields added after version 1 are optional, so a plan saved before them still parses.
 */
export const pairingStatuses = ['InSync', 'Changes', 'Blocked', 'Failed', 'Drift'] as const;

/**
 * Why an owned rule is revoked: its pairing is no longer declared; its /32 source left the side
 * (instance released, left the group, lost the tag, stopped); anything else the pairing no longer
 * wants (ports, protocol, priority, strategy or cidrs changed).
 */
export const revokeReasons = ['PairingRemoved', 'SourceGone', 'NoLongerDesired'] as const;

export const PlanStrategySchema = z.strictObject({
  chosen: z.enum(['group', 'addresses', 'cidr', 'prefix-list']),
  /** CamelCase token: Configured, OneVpc, ClassicNetwork, NoGroupSide, DifferentVpcs, EnterpriseReceiver, SelfReferenceDropped, ReferenceLimit */
  reason: z.string(),
});

export const PlanWarningSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  accountId: z.string().optional(),
  groupId: z.string().optional(),
  ruleId: z.string().optional(),
});

export const PlanPairingSchema = z.strictObject({
  name: z.string(),
  /** InSync: every rule present; Changes: rules to add; Blocked: a prerequisite fails; Failed: an account could not be read; Drift: an audit pairing with changes it will not write */
  status: z.enum(pairingStatuses),
  /** `audit`: planned exactly like an enforce pairing, its changes listed in the plan's `audit`, never written; absent: enforce */
  mode: z.literal('audit').optional(),
  /** CamelCase token, set unless InSync/Changes */
  reason: z.string().optional(),
  message: z.string().optional(),
  /** for Failed: whether a later run may succeed */
  retryable: z.boolean().optional(),
  /** desired rules missing now (a rule shared with another pairing is listed once in `groups`) */
  rulesToAdd: z.number().int(),
  /** desired rules already present (same key, whoever made them) */
  rulesPresent: z.number().int(),
  warnings: z.array(PlanWarningSchema),
  /** how its sending sides are written, and why; absent when it could not be decided (Failed, or its groups not found) */
  strategy: PlanStrategySchema.optional(),
  /** owned rules of this pairing to revoke (absent when none) */
  rulesToRevoke: z.number().int().optional(),
  /** owned rules it no longer wants that `prune: off` keeps (absent when none) */
  rulesWouldRevoke: z.number().int().optional(),
  /**
   * the receiving groups this run did not read (`<account>/<group>`, `<account>/*`: its members' first
   * groups): an event run of a prefix-list pairing that read only its sending side and owned list, so
   * nothing was added, revoked or pruned there and rulesPresent is 0; the next full run reads them
   */
  groupsNotRead: z.array(z.string()).optional(),
});

export const PlanAdditionSchema = z.strictObject({
  rule: CanonicalRuleSchema,
  /** the pairing that wants it (the first by name when several do) */
  pairing: z.string(),
});

export const PlanRevocationSchema = z.strictObject({
  /** as read, with its SecurityGroupRuleId: revoked by that id */
  rule: CanonicalRuleSchema,
  /** the pairing its description names (perhaps no longer declared) */
  pairing: z.string(),
  reason: z.enum(revokeReasons),
});

export const PlanGroupSchema = z.strictObject({
  accountId: z.string(),
  groupId: z.string(),
  region: z.string(),
  add: z.array(PlanAdditionSchema),
  /** owned rules to revoke (absent when none) */
  revoke: z.array(PlanRevocationSchema).optional(),
  /** owned rules `prune: off` keeps: reported, never revoked (absent when none) */
  wouldRevoke: z.array(PlanRevocationSchema).optional(),
});

export const PlanCountsSchema = z.strictObject({
  pairings: z.number().int(),
  inSync: z.number().int(),
  changes: z.number().int(),
  blocked: z.number().int(),
  failed: z.number().int(),
  rulesToAdd: z.number().int(),
  groupsToChange: z.number().int(),
  rulesToRevoke: z.number().int().optional(),
  rulesWouldRevoke: z.number().int().optional(),
  /** audit pairings whose state differs from the desired one (absent when none) */
  drift: z.number().int().optional(),
});

/**
 * A plan apply must not write: its revocations alone exceed `maxChangesPerRunTotal`
 * (MaxChangesPerRunTotalExceeded; MaxChangesExceeded in plans saved before the limit went per pairing).
 */
export const PlanRefusalSchema = z.strictObject({
  reason: z.enum(['MaxChangesExceeded', 'MaxChangesPerRunTotalExceeded']),
  message: z.string(),
  /** rules to add + rules to revoke */
  changes: z.number().int(),
  limit: z.number().int(),
});

export const PlanGroupRefSchema = z.strictObject({
  accountId: z.string(),
  groupId: z.string(),
});

/**
 * The record of where this deployment wrote: the tag `key` (value `value`, else `owned`) on every group it
 * authorizes rules into. Bookkeeping, not a rule change: it counts in neither `counts` nor
 * maxChangesPerRun, and a failed tag or untag call does not fail the run.
 */
/** A kept rule's legacy marker rewritten with the deployment id (ModifySecurityGroupRule: same rule, same id). */
export const PlanRemarkSchema = z.strictObject({
  accountId: z.string(),
  groupId: z.string(),
  ruleId: z.string(),
  pairing: z.string(),
  /** the description as read: `sg-pairing:<name>:<pairing>` */
  from: z.string(),
  /** `sg-pairing:<name>:<pairing>:<deploymentId>` */
  to: z.string(),
});

export const PlanRecordSchema = z.strictObject({
  /** `sg-pairing:<deployment>` */
  key: z.string(),
  /** the value this deployment tags with: `owned:<deploymentId>`; absent: the legacy `owned` (no id declared, or a plan saved before ids) */
  value: z.string().optional(),
  /** whether this run listed the groups carrying it (a full run with pruning on): only then are groups no pairing receives in pruned, and untagged */
  listed: z.boolean(),
  /** groups that will hold owned rules and are not known to carry the tag: tagged alongside the additions (sorted) */
  tag: z.array(PlanGroupRefSchema),
  /** groups carrying the tag that this plan leaves without an owned rule: untagged once their revocations succeed (sorted) */
  untag: z.array(PlanGroupRefSchema),
  /** the migration (docs/configuration.md "Deployment identity"): kept rules whose legacy marker is rewritten with the id, in place (absent when none) */
  remark: z.array(PlanRemarkSchema).optional(),
  /** e.g. RecordedGroupUnread: a tagged group that could not be read, left as it is; RecordAccountUnread: a declared account no pairing uses could not be listed; DeploymentNameHeld: another deployment of the same name holds the group (nothing revoked there) */
  warnings: z.array(PlanWarningSchema).optional(),
});

/**
 * Where the evaluated pairings receive and the room left there (see planReceiving): what the compliance
 * view shows beyond the changes. Absent in plans made before it.
 */
export const PlanReceivingSchema = z.strictObject({
  /** the quotas the plan checked against */
  rulesPerGroup: z.number().int(),
  referencedGroupsPerGroup: z.number().int(),
  /** each receiving side's groups: `side` 0 is the first side of `between`, 1 the second (sorted) */
  sides: z.array(
    z.strictObject({
      pairing: z.string(),
      side: z.number().int().min(0).max(1),
      accountId: z.string(),
      groupId: z.string(),
    }),
  ),
  /** those groups as read: ingress + egress rules, and distinct groups referenced (sorted) */
  groups: z.array(
    z.strictObject({
      accountId: z.string(),
      groupId: z.string(),
      rules: z.number().int(),
      references: z.number().int(),
    }),
  ),
  /** the accounts that could not be read, with the code (their pairings are Failed) */
  failedAccounts: z.array(z.strictObject({ accountId: z.string(), code: z.string() })),
});

/**
 * An owned prefix list's writes (strategy prefix-list): created (no `prefixListId`) with its entries,
 * entries added and removed (ModifyPrefixList, 200 a call), or deleted once no rule references it.
 */
export const PlanPrefixListSchema = z.strictObject({
  accountId: z.string(),
  /** the marker `sg-pairing:<deployment>:list:<digest>` (one list per sending side); also its name */
  description: z.string(),
  /** the pairings that send through it, sorted (none for a deletion) */
  pairings: z.array(z.string()),
  /** absent: CreatePrefixList; rules referencing `pending:<description>` get its id */
  prefixListId: z.string().optional(),
  addressFamily: z.enum(['IPv4', 'IPv6']),
  /** MaxEntries: at creation (sized with headroom), else as read */
  maxEntries: z.number().int(),
  add: z.array(z.string()),
  remove: z.array(z.string()),
  /** DeletePrefixList, after the revocations of the rules referencing it */
  delete: z.literal(true).optional(),
});

export const PlanSchema = z.strictObject({
  version: z.literal(1),
  deployment: z.string(),
  /** the deployment's declared id (its rules' markers and record value carry it); absent: none declared */
  deploymentId: z.string().optional(),
  region: z.string(),
  /** the pairing names asked for (sorted), or null for all */
  selection: z.array(z.string()).nullable(),
  pairings: z.array(PlanPairingSchema),
  groups: z.array(PlanGroupSchema),
  /** what the audit pairings would add and revoke were they enforced: reported, never written (absent when nothing) */
  audit: z.array(PlanGroupSchema).optional(),
  counts: PlanCountsSchema,
  /** set when the plan must not be applied */
  refused: PlanRefusalSchema.optional(),
  /** the tag record's bookkeeping; absent when there is none (not listed, nothing to tag) */
  record: PlanRecordSchema.optional(),
  /** where the evaluated pairings receive and the room left (absent in plans made before it) */
  receiving: PlanReceivingSchema.optional(),
  /** owned prefix lists to create, change or delete (strategy prefix-list); absent when none */
  prefixLists: z.array(PlanPrefixListSchema).optional(),
});

export type PairingStatus = (typeof pairingStatuses)[number];
export type PlanWarning = z.infer<typeof PlanWarningSchema>;
export type PlanPairing = z.infer<typeof PlanPairingSchema>;
export type PlanAddition = z.infer<typeof PlanAdditionSchema>;
export type PlanGroup = z.infer<typeof PlanGroupSchema>;
export type PlanRevocation = z.infer<typeof PlanRevocationSchema>;
export type PlanRefusal = z.infer<typeof PlanRefusalSchema>;
export type PlanGroupRef = z.infer<typeof PlanGroupRefSchema>;
export type PlanRecord = z.infer<typeof PlanRecordSchema>;
export type PlanRemark = z.infer<typeof PlanRemarkSchema>;
export type PlanStrategy = z.infer<typeof PlanStrategySchema>;
export type RevokeReason = (typeof revokeReasons)[number];
export type PlanCounts = z.infer<typeof PlanCountsSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanReceiving = z.infer<typeof PlanReceivingSchema>;
export type PlanPrefixList = z.infer<typeof PlanPrefixListSchema>;
