import { createAccountAccess, type AccountAccess } from '../cloud/account-access';
import type { AccountSessions } from '../cloud/account-sessions';
import type { RetryPolicy } from '../cloud/retry';
import type { NormalizedConfig } from '../config';
import type { GroupType } from '../rules';

/**
 * The cloud as the declared accounts, for the explain and verify reads: the same access as
 * reconcile's (assumed, cached, paced, retried; see createAccountAccess), and the process's group
 * types where the caller keeps them (a runtime's), so warm reads skip the type lookup.
 */
export interface CloudAccess extends AccountAccess {
  readonly groupTypes?: Map<string, GroupType>;
}

export function cloudAccess(
  config: NormalizedConfig,
  runtime: { sessions: AccountSessions; groupTypes?: Map<string, GroupType> },
  retry?: RetryPolicy,
): CloudAccess {
  return {
    ...createAccountAccess(Object.values(config.accounts), runtime.sessions, { retry }),
    ...(runtime.groupTypes ? { groupTypes: runtime.groupTypes } : {}),
  };
}
