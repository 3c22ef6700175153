import type { RetryPolicy } from '../../cloud/retry';
import type { NormalizedConfig } from '../../config';
import { resolveFleet } from '../../directory';
import { reconcile, type ReconcileDeps } from '../../reconcile';
import { computeScope } from './compute-scope';
import { listOnlyPairings } from './list-only-pairings';
import { reconcileOutcome, type InvocationOutcome, type ReportSummary } from '../../function-host';
import { collapseByAccount, type Burst } from './collapse-bursts';
import { SUSPECT_REASONS, type IgnoredEvent, type ParsedEvent, type TouchedResources } from './touched';

export interface EventsResult {
  /** Reconciled: the scope was reconciled (see report.ok); NothingInScope: no API call was made */
  status: 'Reconciled' | 'NothingInScope' | 'Failed';
  events: number;
  ignored: IgnoredEvent[];
  pairings: readonly string[];
  /** accounts whose events in this batch were collapsed (several events, or a whole-account burst) */
  bursts: readonly Burst[];
  report?: ReportSummary;
  error?: Record<string, unknown>;
}

/** the per-account sessions and group types of the process-wide runtime, and the invocation's logger */
export type EventsDeps = ReconcileDeps;

/**
 * The instance-events entry point: the parsed events (one or a batch) narrow the scope to the
 * pairings they may affect, and those are reconciled in ONE run (a burst is one reconcile of the
 * union; the events of one account collapse first, and an account naming more than MAX_IDS_PER_ACCOUNT
 * resources is reconciled as a whole, see collapseByAccount). Nothing in scope: logged, and no API call at all. Only a retryable failure is handed back
 * to be thrown; terminal ones are in the result.
 */
export async function reconcileEvents(
  given: NormalizedConfig,
  events: readonly ParsedEvent[],
  deps: EventsDeps,
  options: { retry?: RetryPolicy } = {},
): Promise<InvocationOutcome<EventsResult>> {
  const { log } = deps;
  const touched: TouchedResources[] = [];
  const ignored: IgnoredEvent[] = [];
  for (const e of events) {
    if (e.kind === 'touched') {
      const t = e.touched;
      touched.push(t);
      log.info('event', {
        eventId: t.eventId,
        cause: t.cause,
        account: t.accountId,
        region: t.region,
        instances: t.instanceIds,
        groups: t.groupIds,
        result: 'touched',
      });
    } else {
      ignored.push(e.ignored);
      // a crafted or broken event (too deep, unreadable, account fields that disagree) is a warning
      if (SUSPECT_REASONS.has(e.ignored.reason)) log.warn('event', { ...eventFields(e.ignored), result: 'ignored' });
      else log.info('event', { ...eventFields(e.ignored), result: 'ignored' });
    }
  }
  // fleet sides: the accounts discovered (a joining account's events included) before the scope is computed;
  // groups by name looked up only where the batch's events are (see findNamedGroups)
  const eventAccounts = new Set(touched.map((t) => t.accountId));
  const config =
    given.source === undefined || touched.length === 0
      ? given
      : (await resolveFleet(given, { ...deps, retry: options.retry, eventAccounts })).config;
  const collapsed = collapseByAccount(touched);
  for (const b of collapsed.bursts) log.info('burst', { ...b, result: b.wholeAccount ? 'whole-account' : 'merged' });
  const scope = computeScope(config, collapsed.touched);
  for (const i of scope.ignored) log.info('scope', { ...eventFields(i), result: 'ignored' });
  ignored.push(...scope.ignored);
  const base = { events: events.length, ignored, pairings: scope.pairings, bursts: collapsed.bursts };
  if (scope.pairings.length === 0) {
    log.info('scope', { result: 'nothing-in-scope', events: events.length, ignored: ignored.length });
    return { result: { status: 'NothingInScope', ...base } };
  }
  const listOnly = listOnlyPairings(config, collapsed.touched, scope);
  log.info('scope', { result: 'in-scope', pairings: scope.pairings, matches: scope.matches, listOnly });

  return reconcileOutcome<EventsResult>(
    config,
    log,
    () => reconcile(config, deps, { pairings: scope.pairings, retry: options.retry, fleetResolved: true, listOnly }),
    {
      step: 'reconcile',
      operation: 'reconcile',
      reported: (_report, summary) => ({ status: 'Reconciled', ...base, report: summary }),
      failed: (e) => ({ status: 'Failed', ...base, error: e.toJSON() }),
    },
  );
}

function eventFields(i: IgnoredEvent): Record<string, unknown> {
  return {
    eventId: i.eventId,
    cause: i.cause,
    account: i.accountId,
    region: i.region,
    reason: i.reason,
    message: i.message,
    ...(i.fields ? { fields: i.fields } : {}),
  };
}
