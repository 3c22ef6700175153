import type { BusEvent } from '../cloud/port';
import type { RunReport } from '../reconcile';

/** The CloudEvent types a run publishes: the worst of what it did. */
export type RunEventType = 'sg-pairing:Run:Failed' | 'sg-pairing:Run:Blocked' | 'sg-pairing:Run:Changed';

/** The event's source: every sg-pairing deployment publishes under it (a rule matches `source`). */
export const RUN_EVENT_SOURCE = 'sg-pairing';

/** At most this many affected pairings travel in one event (the rest are counted in `pairingsLeftOut`). */
export const EVENT_PAIRINGS_MAX = 100;

/** Pure: the event's type, or undefined for a run that changed, blocked and failed nothing. */
export function runEventType(report: RunReport): RunEventType | undefined {
  const c = report.counts;
  if (c.failed > 0 || c.rulesFailed > 0) return 'sg-pairing:Run:Failed';
  if (c.blocked > 0) return 'sg-pairing:Run:Blocked';
  if (c.changed > 0 || c.rulesAdded > 0 || (c.rulesRevoked ?? 0) > 0) return 'sg-pairing:Run:Changed';
  return undefined;
}

/**
 * Pure: the one CloudEvent of a run that changed, blocked or failed anything: the run's summary and the
 * affected pairings with their reasons (a report never holds credentials). Undefined when nothing happened.
 */
export function runEvent(report: RunReport): BusEvent | undefined {
  const type = runEventType(report);
  if (type === undefined) return undefined;
  const affected = report.pairings.filter(
    (p) => p.status === 'Changed' || p.status === 'Blocked' || p.status === 'Failed',
  );
  return {
    id: `${report.runId}-run`,
    source: RUN_EVENT_SOURCE,
    type,
    subject: `deployment/${report.deployment}`,
    time: report.finishedAt ?? new Date().toISOString(),
    data: {
      runId: report.runId,
      deployment: report.deployment,
      trigger: report.trigger,
      headline: report.headline,
      ok: report.ok,
      counts: report.counts,
      pairings: affected.slice(0, EVENT_PAIRINGS_MAX).map((p) => ({
        name: p.name,
        status: p.status,
        ...(p.reason === undefined ? {} : { reason: p.reason }),
        ...(p.message === undefined ? {} : { message: p.message }),
        ...(p.retryable === undefined ? {} : { retryable: p.retryable }),
        counts: p.counts,
      })),
      ...(affected.length > EVENT_PAIRINGS_MAX ? { pairingsLeftOut: affected.length - EVENT_PAIRINGS_MAX } : {}),
    },
  };
}
