import pLimit from 'p-limit';
import { TerminalError } from '../errors';
import type { AccountRole, AccountSessions } from './account-sessions';
import { pacedAssistant, pacedEcs, pacedVpc, type InFlightLimit } from './paced-ecs';
import { Pacer, Pacers } from './pacer';
import { RateGate } from './rate-gate';
import type { AssistantPort, EcsPort, TemporaryCredentials, VpcPort } from './port';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';

/** Concurrent AssumeRole calls (they all count against the hub's own rate limit). */
const STS_CONCURRENCY = 4;
/**
 * STS's documented quota for AssumeRole: 100 calls per second per region and parent account
 * (https://help.aliyun.com/zh/ram/developer-reference/api-sts-2015-04-01-quota). A fan-out's shards
 * share it: each is given its part (the timer divides it by the shards).
 */
export const STS_ASSUME_ROLES_PER_SECOND = 100;
/**
 * An account's ECS calls in flight when it is first used (and again after a second idle): most of a
 * typical 20-call burst in one round trip. Measured on the 1,000-pairing sweep (bench/): 4 gave
 * wall/lower bound ~1.35, 8 ~1.29, 12 ~1.26, 16 ~1.29 (more throttled calls).
 */
export const INITIAL_CONCURRENCY_PER_ACCOUNT = 12;
/** Where an account's ECS concurrency may grow to while nothing is throttled. */
export const MAX_CONCURRENCY_PER_ACCOUNT = 16;
/**
 * Calls in flight in the whole process, all accounts together. A sweep of a hundred accounts could
 * otherwise have ~1,600 requests open at once: sockets, timers and garbage then cost each call about
 * twice the CPU (measured: 2,000 writes at 50 ms take 2.7 s with all in flight, 1.0 s with 32-200),
 * and at 50 ms per call 128 already allow ~2,500 calls/s.
 */
const MAX_IN_FLIGHT = 128;

/** The cloud as one declared account: ECS and Cloud Assistant, role assumed, every call paced. */
export interface AccountAccess {
  /** rejects (TerminalError 'UnknownAccount') for an account not declared, or when its role cannot be assumed */
  ecsFor(accountId: string): Promise<EcsPort>;
  assistantFor(accountId: string): Promise<AssistantPort>;
  /** the VPC API (DescribeVpcs) as the account, paced with its ECS calls */
  vpcFor(accountId: string): Promise<VpcPort>;
}

export interface AccountAccessOptions {
  /** the assume is retried with it (the ports' callers retry their own calls: a write needs a look first) */
  retry?: RetryPolicy;
  /** ECS calls in flight per account at the start; adapts to throttling (see Pacer) */
  concurrencyPerAccount?: number;
  /** this process's share of the hub's STS quota (default all of it); throttling still adapts below it */
  assumeRolesPerSecond?: number;
}

/**
 * The one way to reach the cloud as the declared accounts, for reconcile, explain and verify alike.
 * Each account's role is assumed through the shared AccountSessions (cached across runs; here
 * retried, paced by the hub's STS pacer), once per access; then every ECS and Cloud Assistant call
 * goes through that account's pacer (adapting to its throttling, waiting out its retry-after) and
 * the limit of calls in flight. Make one access per run: its pacers start fresh, the sessions do not.
 */
export function createAccountAccess(
  roles: Iterable<AccountRole>,
  sessions: AccountSessions,
  options: AccountAccessOptions = {},
): AccountAccess {
  const byId = new Map([...roles].map((r) => [r.accountId, r]));
  const retry = options.retry ?? DEFAULT_RETRY;
  // Pacing: STS calls are the hub's, ECS calls each account's; both adapt to throttling.
  const inFlight: InFlightLimit = pLimit(MAX_IN_FLIGHT);
  const stsPacer = new Pacer(STS_CONCURRENCY);
  const stsGate = new RateGate(options.assumeRolesPerSecond ?? STS_ASSUME_ROLES_PER_SECOND);
  const ecsPacers = new Pacers(
    options.concurrencyPerAccount ?? INITIAL_CONCURRENCY_PER_ACCOUNT,
    MAX_CONCURRENCY_PER_ACCOUNT,
  );
  const assumed = new Map<string, Promise<TemporaryCredentials>>();
  const credentialsFor = (accountId: string): Promise<TemporaryCredentials> => {
    const role = byId.get(accountId);
    if (!role) return Promise.reject(unknownAccount(accountId));
    let credentials = assumed.get(accountId);
    if (!credentials) {
      const request = { accountId, roleArn: role.roleArn, externalId: role.externalId };
      const paced = <T>(assume: () => Promise<T>) => stsPacer.run(() => stsGate.take().then(() => inFlight(assume)));
      credentials = withRetry(() => sessions.credentials(request, paced), retry);
      assumed.set(accountId, credentials);
    }
    return credentials;
  };
  return {
    ecsFor: async (accountId) =>
      pacedEcs(sessions.ecsWith(await credentialsFor(accountId)), ecsPacers.for(accountId), inFlight),
    assistantFor: async (accountId) =>
      pacedAssistant(sessions.assistantWith(await credentialsFor(accountId)), ecsPacers.for(accountId), inFlight),
    vpcFor: async (accountId) =>
      pacedVpc(sessions.vpcWith(await credentialsFor(accountId)), ecsPacers.for(accountId), inFlight),
  };
}

function unknownAccount(accountId: string): TerminalError {
  return new TerminalError(`account ${accountId} is not declared`, { code: 'UnknownAccount', account: accountId });
}
