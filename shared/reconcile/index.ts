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
  type RunSinks,
} from './reconcile';
export { readActualState, type ReadDeps } from './read-actual-state';
export {
  buildReport,
  type PairingReport,
  type ReportStatus,
  type RunDelivery,
  type RunReport,
  type RunTrigger,
} from './run-report';
export { groupLines, namesOf, refusedBy, reportHeadline, timesOf, type LineGroup } from './report-headline';
export { VPC_CACHE_MS, type VpcCache } from './fact-reads';
export { applySavedPlan } from './apply-saved-plan';
export type { PrefixListCache } from './read-prefix-lists';
