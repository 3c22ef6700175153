import type { NormalizedConfig } from '../config';
import { reconcile, type ReconcileDeps, type ReconcileOptions } from '../reconcile';
import type { ComplianceModel, ComplianceTrigger } from './compliance-model';
import { computeCompliance } from './compute-compliance';

/**
 * The compliance model now: a dry run (the cloud read, the plan computed, nothing written, ever),
 * then computeCompliance on its report. `by` says which face asked; `now` is the evaluation's time.
 */
export async function evaluateCompliance(
  config: NormalizedConfig,
  deps: ReconcileDeps,
  how: { by: ComplianceTrigger; now?: () => Date } & Pick<ReconcileOptions, 'runId' | 'retry'>,
): Promise<ComplianceModel> {
  const { by, now = () => new Date(), ...options } = how;
  const report = await reconcile(config, deps, { ...options, dryRun: true });
  return computeCompliance({ config, report, at: now(), by });
}
