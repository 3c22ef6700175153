export { cloudAccess, type CloudAccess } from './cloud-access';
export { evaluateIngress, ruleRef, type IngressEvaluation } from './evaluate-ingress';
export { explainPairing } from './explain-pairing';
export { endpointLabel, formatDirection, formatExplanation } from './format-explanation';
export { networkPrerequisites } from './network-prerequisites';
export type {
  EgressExplanation,
  DirectionExplanation,
  Endpoint,
  PairingExplanation,
  Prerequisite,
  PrerequisiteCode,
  RuleRef,
  Verdict,
  VerdictReason,
} from './pairing-explanation';
export { readExplainState, type ExplainReadDeps } from './read-explain-state';
export { describeSide, resolveSideEndpoint, type ExplainState, type SideResolution } from './side-endpoint';
export { describeTraffic, trafficLabel, trafficOf, type Segment, type Traffic } from './traffic';
