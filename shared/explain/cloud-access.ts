import type { AccountSessions } from '../cloud/account-sessions';
import type { AssistantPort, CloudPort, EcsPort, TemporaryCredentials } from '../cloud/port';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../cloud/retry';
import { findAccountById, type NormalizedConfig } from '../config';
import { TerminalError } from '../errors';

/** The cloud as one declared account, for the explain and verify reads. */
export interface CloudAccess {
  ecsFor(accountId: string): Promise<EcsPort>;
  assistantFor(accountId: string): Promise<AssistantPort>;
}

/**
 * ECS and Cloud Assistant as each declared account: its role assumed once through the shared
 * AccountSessions (retried like reconcile's), then one port of each kind per account.
 */
export function cloudAccess(
  config: NormalizedConfig,
  runtime: { cloud: CloudPort; sessions: AccountSessions },
  retry: RetryPolicy = DEFAULT_RETRY,
): CloudAccess {
  const credentials = new Map<string, Promise<TemporaryCredentials>>();
  const credentialsFor = (accountId: string): Promise<TemporaryCredentials> => {
    const account = findAccountById(config, accountId);
    if (!account)
      return Promise.reject(
        new TerminalError(`account ${accountId} is not declared`, { code: 'UnknownAccount', account: accountId }),
      );
    let c = credentials.get(accountId);
    if (!c) {
      const role = { accountId, roleArn: account.roleArn, externalId: account.externalId };
      c = withRetry(() => runtime.sessions.credentials(role), retry);
      credentials.set(accountId, c);
    }
    return c;
  };
  return {
    ecsFor: async (accountId) => runtime.sessions.ecsWith(await credentialsFor(accountId)),
    assistantFor: async (accountId) => runtime.cloud.assistant(await credentialsFor(accountId)),
  };
}
