export type { AccountFailure, ActualGroup, ActualInstance, ActualState, UnreadRecordedGroup } from './actual-state';
export { admitByCapacity, type CapacityCandidate } from './admit-by-capacity';
export { applyRunCeiling, limitReasons, refuseByPairingLimits, type ChangeLimits } from './change-limits';
export { chooseStrategies, strategyReasons, type StrategyChoice, type StrategyReason } from './choose-strategies';
export { computeRevocations, type Revocation, type RevocationInputs } from './compute-revocations';
export {
  groupsHeldByOthers,
  heldGroupWarning,
  isLegacyMarker,
  ownerOf,
  type DeploymentIdentity,
  type HeldGroup,
} from './deployment-claims';
export { gonePairings, isGone, type GonePairing } from './gone-sides';
export { planReceiving } from './plan-receiving';
export { planRecord, pruneEnabled, type RecordInputs } from './plan-record';
export { dropRuleWarnings } from './drop-rule-warnings';
export { describePeer, formatPlan, type FormatPlanOptions } from './format-plan';
export { defaultPlanLimits, type PlanLimits } from './plan-limits';
export { refusedSettings } from './refused-settings';
export { planHasChanges, planPairings, type PlanOptions } from './plan-pairings';
export {
  PlanAdditionSchema,
  PlanCountsSchema,
  PlanGroupRefSchema,
  PlanGroupSchema,
  PlanPairingSchema,
  PlanReceivingSchema,
  PlanRecordSchema,
  PlanRefusalSchema,
  PlanRevocationSchema,
  PlanSchema,
  PlanStrategySchema,
  PlanWarningSchema,
  pairingStatuses,
  revokeReasons,
  type PairingStatus,
  type Plan,
  type PlanAddition,
  type PlanCounts,
  type PlanGroup,
  type PlanGroupRef,
  type PlanPairing,
  type PlanReceiving,
  type PlanPrefixList,
  type PlanRecord,
  type PlanRemark,
  type PlanRefusal,
  type PlanRevocation,
  type PlanStrategy,
  type PlanWarning,
  type RevokeReason,
} from './plan-schema';
export {
  receives,
  requiredReads,
  sends,
  type AccountRead,
  type MembershipTarget,
  type ReadTarget,
  type RequiredReads,
} from './required-reads';
export { selectPairings } from './select-pairings';
export { vpcConnectionNeededMessage, vpcConnectionWarnings } from './vpc-connection-warning';
export {
  PlanBasisSchema,
  canonicalJson,
  computePlanBasis,
  configDigest,
  digestOf,
  instanceDigest,
  membersDigest,
  rulesDigest,
  type GroupBasis,
  type InstanceBasis,
  type MembersBasis,
  type PlanBasis,
} from './plan-basis';
export { SavedPlanSchema, computeSavedPlan, readSavedPlan, type SavedPlan } from './saved-plan';
export { evaluateEgress, type EgressEnd, type EgressEvaluation, type EgressReason } from './evaluate-egress';
