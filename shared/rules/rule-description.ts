/** Every rule a deployment adds is described `sg-pairing:<deployment>:<pairing>`. */
export const descriptionPrefix = 'sg-pairing';

export function ruleDescription(deployment: string, pairing: string): string {
  return `${descriptionPrefix}:${deployment}:${pairing}`;
}

/** The deployment and pairing named by a description, when it is one of ours. */
export function parseRuleDescription(description: string): { deployment: string; pairing: string } | undefined {
  const match = /^sg-pairing:([a-z0-9-]{1,63}):([a-z0-9-]{1,63})$/.exec(description);
  return match === null ? undefined : { deployment: match[1] as string, pairing: match[2] as string };
}

/**
 * The record of where a deployment wrote: every security group it authorizes rules into carries the
 * tag `sg-pairing:<deployment>` (value RECORD_TAG_VALUE), so a full sweep finds, by one listing per
 * account, the groups holding its rules even once no pairing receives there any more.
 */
export function recordTagKey(deployment: string): string {
  return `${descriptionPrefix}:${deployment}`;
}

export const RECORD_TAG_VALUE = 'owned';
