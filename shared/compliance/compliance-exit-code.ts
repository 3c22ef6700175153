import type { ComplianceModel } from './compliance-model';

/**
 * `status`'s exit code: 1 when anything Failed (the state could not be established), 2 when anything
 * is Missing, ExtraOwned or Blocked (drift or blocked), else 0 (every evaluated row in sync).
 */
export function complianceExitCode(model: ComplianceModel): 0 | 1 | 2 {
  const { states } = model.summary;
  if (states.Failed > 0) return 1;
  if (states.Missing + states.ExtraOwned + states.Blocked > 0) return 2;
  return 0;
}
