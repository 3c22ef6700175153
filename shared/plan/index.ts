export type { AccountFailure, ActualGroup, ActualInstance, ActualState } from './actual-state';
export { admitByCapacity, type CapacityCandidate } from './admit-by-capacity';
export { dropRuleWarnings } from './drop-rule-warnings';
export { describePeer, formatPlan, type FormatPlanOptions } from './format-plan';
export { defaultPlanLimits, type PlanLimits } from './plan-limits';
export { planHasChanges, planPairings, type PlanOptions } from './plan-pairings';
export {
  PlanAdditionSchema,
  PlanCountsSchema,
  PlanGroupSchema,
  PlanPairingSchema,
  PlanSchema,
  PlanWarningSchema,
  pairingStatuses,
  type PairingStatus,
  type Plan,
  type PlanAddition,
  type PlanCounts,
  type PlanGroup,
  type PlanPairing,
  type PlanWarning,
} from './plan-schema';
export { requiredReads, type AccountRead, type ReadTarget, type RequiredReads } from './required-reads';
export { selectPairings } from './select-pairings';
