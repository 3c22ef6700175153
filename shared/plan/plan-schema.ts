import { z } from 'zod';
import { CanonicalRuleSchema } from '../rules';

/**
 * The plan is a value: versioned, sorted (pairings by name, groups by account then id, rules by
 * key) and JSON-serializable. It only ever adds rules. The schema parses a saved plan at the edge.
 */
export const pairingStatuses = ['InSync', 'Changes', 'Blocked', 'Failed'] as const;

export const PlanWarningSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  accountId: z.string().optional(),
  groupId: z.string().optional(),
  ruleId: z.string().optional(),
});

export const PlanPairingSchema = z.strictObject({
  name: z.string(),
  /** InSync: every rule present; Changes: rules to add; Blocked: a prerequisite fails; Failed: an account could not be read */
  status: z.enum(pairingStatuses),
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
});

export const PlanAdditionSchema = z.strictObject({
  rule: CanonicalRuleSchema,
  /** the pairing that wants it (the first by name when several do) */
  pairing: z.string(),
});

export const PlanGroupSchema = z.strictObject({
  accountId: z.string(),
  groupId: z.string(),
  region: z.string(),
  add: z.array(PlanAdditionSchema),
});

export const PlanCountsSchema = z.strictObject({
  pairings: z.number().int(),
  inSync: z.number().int(),
  changes: z.number().int(),
  blocked: z.number().int(),
  failed: z.number().int(),
  rulesToAdd: z.number().int(),
  groupsToChange: z.number().int(),
});

export const PlanSchema = z.strictObject({
  version: z.literal(1),
  deployment: z.string(),
  region: z.string(),
  /** the pairing names asked for (sorted), or null for all */
  selection: z.array(z.string()).nullable(),
  pairings: z.array(PlanPairingSchema),
  groups: z.array(PlanGroupSchema),
  counts: PlanCountsSchema,
});

export type PairingStatus = (typeof pairingStatuses)[number];
export type PlanWarning = z.infer<typeof PlanWarningSchema>;
export type PlanPairing = z.infer<typeof PlanPairingSchema>;
export type PlanAddition = z.infer<typeof PlanAdditionSchema>;
export type PlanGroup = z.infer<typeof PlanGroupSchema>;
export type PlanCounts = z.infer<typeof PlanCountsSchema>;
export type Plan = z.infer<typeof PlanSchema>;
