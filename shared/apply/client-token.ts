import { createHash } from 'node:crypto';

/**
 * A ClientToken derived from the request's content and the run: a retried request within the run
 * carries the same token and cannot apply twice, while a later run that must re-add a rule someone
 * revoked gets a new token (the same token would be answered as an already-done request).
 */
export function clientToken(runId: string, action: string, groupId: string, request: unknown): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([runId, action, groupId, request]))
    .digest('hex');
  return `sgp-${digest.slice(0, 56)}`;
}
