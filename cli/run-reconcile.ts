import type { NormalizedConfig } from '../shared/config';
import type { Plan } from '../shared/plan';
import {
  applyPlanned,
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

/** `plan`, keeping what it was read from (for a saved plan's basis). */
export async function planFromCli(config: NormalizedConfig, pairings: string[] | undefined): Promise<PlannedRun> {
  return withCliDeps(config, (deps) => planReconcile(config, deps, { pairings }));
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
    return { report: await applyPlanned(planned) };
  });
}

/** The CLI's dependencies: the default credential chain, a progress log, slow endpoints watched meanwhile. */
export async function withCliDeps<T>(config: NormalizedConfig, act: (deps: ReconcileDeps) => Promise<T>): Promise<T> {
  const runtime = createRuntime(config.region, { kind: 'default-chain' });
  const log = progressLog(Object.keys(config.accounts).length);
  const stopWatching = watchSlowEndpoints(log);
  try {
    return await act(runtime.reconcileDeps(log));
  } finally {
    stopWatching();
  }
}
