export {
  complianceStates,
  complianceTriggers,
  stateSeverity,
  type ComplianceEnd,
  type ComplianceModel,
  type CompliancePairing,
  type ComplianceRow,
  type ComplianceState,
  type ComplianceTrigger,
  type GroupRoom,
} from './compliance-model';
export { computeCompliance, sideLabel, type ComplianceInputs } from './compute-compliance';
export { complianceExitCode } from './compliance-exit-code';
export { complianceSummary, formatComplianceCsv, formatComplianceTable } from './format-compliance';
export { evaluateCompliance } from './evaluate-compliance';
export { storedCompliance } from './stored-compliance';
