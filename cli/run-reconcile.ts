import { evaluateCompliance, storedCompliance, type ComplianceModel } from '../shared/compliance';
import { historyLocationFromEnv } from '../shared/history';
import type { NormalizedConfig } from '../shared/config';
import { computeSavedPlan, type Plan, type SavedPlan } from '../shared/plan';
import {
  applyPlanned,
  applySavedPlan,
  buildReport,
  planReconcile,
  planWrites,
  reconcile,
  type PlannedRun,
  type ReconcileDeps,
  type RunReport,
} from '../shared/reconcile';
import { createRuntime } from '../shared/function-host';
import { progressLog } from './progress-log';
import { watchSlowEndpoints } from './slow-endpoint-watch';

/** Asked before a plan that writes is applied; true applies it. */
export type Approval = (plan: Plan) => Promise<boolean>;

/** A reconcile from the command line: base identity from the SDK's default credential chain. */
export async function runFromCli(
  config: NormalizedConfig,
  pairings: string[] | undefined,
  dryRun: boolean,
): Promise<RunReport> {
  return withCliDeps(config, (deps) => reconcile(config, deps, { pairings, dryRun }));
}

/** `status`, `graph`: the compliance model from a dry run (nothing written). */
export async function complianceFromCli(config: NormalizedConfig): Promise<ComplianceModel> {
  return withCliDeps(config, (deps) => evaluateCompliance(config, deps, { by: 'cli' }));
}

/** `status --from-history`: the model of the last stored run (SG_PAIRING_HISTORY's latest.json), no cloud read. */
export async function storedComplianceFromCli(config: NormalizedConfig): Promise<ComplianceModel> {
  const location = historyLocationFromEnv();
  if (location === undefined) throw new Error('no history: set SG_PAIRING_HISTORY=oss://bucket/prefix');
  const store = createRuntime(config.region, { kind: 'default-chain' }).objects(location.bucket);
  return storedCompliance(config, store, location);
}

/** `plan --out`: the plan's report and the plan saved with its basis (computeSavedPlan). */
export async function planToSaveFromCli(
  config: NormalizedConfig,
  pairings: string[] | undefined,
): Promise<{ report: RunReport; saved: SavedPlan }> {
  return withCliDeps(config, async (deps) => {
    const planned = await planReconcile(config, deps, { pairings });
    return {
      report: withDirectory(buildReport(planned.runId, 'plan', planned.plan, []), planned),
      saved: computeSavedPlan(planned.config, planned.plan, planned.actual),
    };
  });
}

/** `apply`: read and plan, ask `approve` (when given) before a plan that writes, then write exactly the plan. */
export async function applyFromCli(
  config: NormalizedConfig,
  pairings: string[] | undefined,
  approve?: Approval,
): Promise<{ report: RunReport } | { declined: Plan }> {
  return withCliDeps(config, async (deps) => {
    const planned = await planReconcile(config, deps, { pairings });
    if (approve !== undefined && planWrites(planned.plan) && !(await approve(planned.plan)))
      return { declined: planned.plan };
    return { report: withDirectory(await applyPlanned(planned), planned) };
  });
}

/** The report with what the run's fleet sides expanded to (when the config has any). */
function withDirectory(report: RunReport, planned: PlannedRun): RunReport {
  return planned.directory === undefined ? report : { ...report, directory: planned.directory };
}

/** `apply FILE`: the saved plan, checked, its basis read again, then applied (throws StalePlan, SavedPlanInvalid). */
export async function applySavedFromCli(config: NormalizedConfig, text: string, file: string): Promise<RunReport> {
  return withCliDeps(config, (deps) => applySavedPlan(config, text, deps, { file }));
}

/** The CLI's dependencies: the default credential chain, a progress log, slow endpoints watched meanwhile. */
export async function withCliDeps<T>(config: NormalizedConfig, act: (deps: ReconcileDeps) => Promise<T>): Promise<T> {
  const runtime = createRuntime(config.region, { kind: 'default-chain' });
  const log = progressLog(Object.keys(config.accounts).length);
  const stopWatching = watchSlowEndpoints(log);
  try {
    return await act(runtime.reconcileDeps(log, 'cli'));
  } finally {
    stopWatching();
  }
}
