import { randomUUID } from 'node:crypto';
import { applyGroupChanges } from '../apply/apply-group-changes';
import type { AccountSessions } from '../cloud/account-sessions';
import { DEFAULT_RETRY, type RetryPolicy } from '../cloud/retry';
import type { NormalizedConfig } from '../config';
import type { Logger } from '../log';
import { planPairings } from '../plan';
import type { GroupType } from '../rules';
import { readActualState } from './read-actual-state';
import { buildReport, type RunReport } from './run-report';

export interface ReconcileOptions {
  /** pairing names; all when absent */
  pairings?: readonly string[];
  /** plan only, write nothing */
  dryRun?: boolean;
  runId?: string;
  concurrencyPerAccount?: number;
  retry?: RetryPolicy;
}

export interface ReconcileDeps {
  sessions: AccountSessions;
  log: Logger;
  /** group types remembered across runs (a group's type never changes); one per process */
  groupTypes?: Map<string, GroupType>;
}

/**
 * The one entry point every face calls: read the cloud fresh, plan (pure), apply exactly the plan,
 * report. Level-triggered: the same call twice gives Changed, then InSync.
 */
export async function reconcile(config: NormalizedConfig, deps: ReconcileDeps, options: ReconcileOptions = {}): Promise<RunReport> {
  const runId = options.runId ?? randomUUID();
  const log = deps.log.child({ runId, deployment: config.name });
  const retry = options.retry ?? DEFAULT_RETRY;
  const concurrencyPerAccount = options.concurrencyPerAccount ?? 4;
  const roles = new Map(Object.values(config.accounts).map((a) => [a.accountId, a]));
  const ecsFor = (accountId: string) => {
    const role = roles.get(accountId);
    if (!role) throw new Error(`account ${accountId} is not declared`);
    return deps.sessions.ecs({ accountId, roleArn: role.roleArn, externalId: role.externalId });
  };

  const actual = await readActualState(config, options.pairings, { ecsFor: (a) => ecsFor(a.accountId), groupTypes: deps.groupTypes, concurrencyPerAccount, retry, log });
  const plan = planPairings(config, actual, { pairings: options.pairings });
  log.info('plan', { pairings: plan.counts.pairings, rulesToAdd: plan.counts.rulesToAdd, groupsToChange: plan.counts.groupsToChange, blocked: plan.counts.blocked, failed: plan.counts.failed });
  if (options.dryRun) return buildReport(runId, 'plan', plan, []);

  const changes = await applyGroupChanges(plan.groups, { ecsFor, runId, concurrencyPerAccount, retry, log });
  const report = buildReport(runId, 'apply', plan, changes);
  log.info('report', { ok: report.ok, counts: report.counts });
  return report;
}
