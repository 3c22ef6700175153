/**
 * Every rule a deployment adds is described `sg-pairing:<deployment>:<pairing>:<id>`, where `<id>` is the
 * deployment id (config `deploymentId`); a deployment that declares none writes the legacy marker
 * `sg-pairing:<deployment>:<pairing>` (docs/configuration.md "Deployment identity"). Names, pairings and ids
 * hold no colon, so the marker splits one way only; at most 11 + 63 + 1 + 63 + 1 + 40 = 179 characters
 * (a rule's Description takes up to 512).
 */
export const descriptionPrefix = 'sg-pairing';

export function ruleDescription(deployment: string, pairing: string, deploymentId?: string): string {
  const legacy = `${descriptionPrefix}:${deployment}:${pairing}`;
  return deploymentId === undefined ? legacy : `${legacy}:${deploymentId}`;
}

/** The deployment whose marker the rules carry: its name, or its name with its declared id (a NormalizedConfig is one). */
export type DeploymentRef = string | { readonly name: string; readonly deploymentId?: string };

/** The marker of a pairing's rules for this deployment (with its id when declared). */
export function markerOf(deployment: DeploymentRef, pairing: string): string {
  return typeof deployment === 'string'
    ? ruleDescription(deployment, pairing)
    : ruleDescription(deployment.name, pairing, deployment.deploymentId);
}

/** The deployment, pairing and (when not the legacy marker) deployment id named by a description, when it is a marker. */
export function parseRuleDescription(
  description: string,
): { deployment: string; pairing: string; deploymentId?: string } | undefined {
  const match = /^sg-pairing:([a-z0-9-]{1,63}):([a-z0-9-]{1,63})(?::([a-z0-9-]{1,40}))?$/.exec(description);
  if (match === null) return undefined;
  const [, deployment, pairing, id] = match as unknown as [string, string, string, string | undefined];
  return id === undefined ? { deployment, pairing } : { deployment, pairing, deploymentId: id };
}

/**
 * The record of where a deployment wrote: every security group it authorizes rules into carries the
 * tag `sg-pairing:<deployment>` (value recordTagValue), so a full sweep finds, by one listing per
 * account, the groups holding its rules even once no pairing receives there any more.
 */
export function recordTagKey(deployment: string): string {
  return `${descriptionPrefix}:${deployment}`;
}

/** The record's value written by a deployment without a declared id, and by every version before ids. */
export const RECORD_TAG_VALUE = 'owned';

/** The record's value a deployment writes: `owned:<id>`, or the legacy `owned` without an id. */
export function recordTagValue(deploymentId?: string): string {
  return deploymentId === undefined ? RECORD_TAG_VALUE : `${RECORD_TAG_VALUE}:${deploymentId}`;
}

/** Who a record value names: the legacy `owned` (no id), a deployment id, or undefined for a value sg-pairing never writes. */
export function parseRecordTagValue(value: string): { deploymentId?: string } | undefined {
  if (value === RECORD_TAG_VALUE) return {};
  const match = /^owned:([a-z0-9-]{1,40})$/.exec(value);
  return match === null ? undefined : { deploymentId: match[1] as string };
}
