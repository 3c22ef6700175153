import type { RamPolicy } from './policy-document';
import { matchesPattern } from './wildcard';

/** What one call asks RAM for: an action (`ecs:AuthorizeSecurityGroup`) on each of its resources. */
export interface RamRequest {
  action: string;
  /** ARNs, or `*` for actions without resource-level authorization; every one must be allowed */
  resources: string[];
}

export type RamDecision =
  | { effect: 'Allow' }
  /** a Deny statement matched (it wins over any Allow) */
  | { effect: 'ExplicitDeny'; statement: number; resource: string }
  /** no Allow statement matched this resource */
  | { effect: 'ImplicitDeny'; resource: string };

/**
 * Pure RAM evaluation of one identity policy: an explicit Deny on any resource wins; otherwise
 * every resource needs an Allow whose Action and Resource patterns both match.
 */
export function evaluatePolicy(policy: RamPolicy, request: RamRequest): RamDecision {
  const matches = (statement: RamPolicy['Statement'][number], resource: string) =>
    statement.Action.some((a) => matchesPattern(a, request.action, true)) &&
    statement.Resource.some((r) => matchesPattern(r, resource));
  for (const resource of request.resources) {
    const denied = policy.Statement.findIndex((s) => s.Effect === 'Deny' && matches(s, resource));
    if (denied >= 0) return { effect: 'ExplicitDeny', statement: denied, resource };
  }
  for (const resource of request.resources) {
    if (!policy.Statement.some((s) => s.Effect === 'Allow' && matches(s, resource)))
      return { effect: 'ImplicitDeny', resource };
  }
  return { effect: 'Allow' };
}
