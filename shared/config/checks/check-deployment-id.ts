import { configWarning, type Diagnostic } from '../diagnostic';
import type { NormalizedConfig } from '../normalized-config';

/**
 * Advice, not a rule of the document (so `validate` runs it, not every load): a deployment should declare
 * a `deploymentId`. Without one its rules carry the legacy marker `sg-pairing:<name>:<pairing>`, which another
 * deployment reusing the name (another hub, another pairings file) writes too: the two cannot be told apart,
 * and each would prune the other's rules (docs/configuration.md "Deployment identity").
 */
export function checkDeploymentId(config: NormalizedConfig): Diagnostic[] {
  if (config.deploymentId !== undefined) return [];
  return [
    configWarning(
      'DeploymentIdMissing',
      'deploymentId',
      `deployment "${config.name}" has no deploymentId: set one (e.g. deploymentId: ${config.name}-1), distinct per deployment and kept for its life, so another deployment reusing the name "${config.name}" cannot prune its rules, nor it theirs; its rules written so far are kept and marked in place`,
    ),
  ];
}
