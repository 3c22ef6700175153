export { reconcile, type ReconcileDeps, type ReconcileOptions } from './reconcile';
export { readActualState, type ReadDeps } from './read-actual-state';
export { buildReport, type PairingReport, type ReportStatus, type RunReport } from './run-report';
export { VPC_CACHE_MS, type VpcCache } from './fact-reads';
