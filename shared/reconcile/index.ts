export {
  applyPlanned,
  planReconcile,
  planWrites,
  reconcile,
  runContext,
  type DirectoryReport,
  type PlannedRun,
  type ReconcileDeps,
  type ReconcileOptions,
  type RunContext,
} from './reconcile';
export { readActualState, type ReadDeps } from './read-actual-state';
export { buildReport, type PairingReport, type ReportStatus, type RunReport } from './run-report';
export { VPC_CACHE_MS, type VpcCache } from './fact-reads';
export { applySavedPlan } from './apply-saved-plan';
