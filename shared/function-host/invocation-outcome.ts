import { SgPairingError, toSgPairingError, type TerminalError } from '../errors';
import type { Logger } from '../log';
import type { NormalizedConfig } from '../config';
import { reportHeadline, type PairingReport, type RunReport } from '../reconcile';

/**
 * What a shared entry point hands back to a handler: the answer to return, and, only for a failure
 * that a retry may fix, the error to throw (so EventBridge / FC async invocation retries it).
 */
export interface InvocationOutcome<T> {
  readonly result: T;
  readonly retry?: SgPairingError;
  /**
   * a run that ended with pairings failed in a way no retry fixes (RunFailed): the timer and the worker
   * throw it after the work, history and event are done, so FC counts an error (its metrics, alarms and
   * the async failure destination) while s.yaml's maxAsyncRetryAttempts 0 keeps FC from re-running it
   */
  readonly fail?: SgPairingError;
}

/** The run report as logged and returned by functions: without the plan (it is in the log lines). */
export interface ReportSummary {
  /** the run's one line: pairings by state, rules written, what a change limit refused (reportHeadline) */
  headline: string;
  runId: string;
  deployment: string;
  mode: RunReport['mode'];
  ok: boolean;
  counts: RunReport['counts'];
  pairings: PairingReport[];
}

export function summarizeReport(report: RunReport): ReportSummary {
  return {
    headline: reportHeadline(report),
    runId: report.runId,
    deployment: report.deployment,
    mode: report.mode,
    ok: report.ok,
    counts: report.counts,
    pairings: report.pairings,
  };
}

/** Failed pairings a later run may fix (retryable unless marked terminal): one error naming them. */
export function retryableFailure(report: RunReport): SgPairingError | undefined {
  const failed = report.pairings.filter((p) => p.status === 'Failed' && p.retryable !== false);
  if (failed.length === 0) return undefined;
  const list = failed.map((p) => `${p.name} (${p.reason ?? 'Failed'})`).join(', ');
  return new SgPairingError(
    `run ${report.runId}: ${failed.length} pairing(s) failed and may succeed on retry: ${list}`,
    { code: 'RetryableFailure', retryable: true, pairing: failed[0].name, operation: 'reconcile' },
  );
}

/** Failed pairings no retry fixes (a denied role, a missing permission), when none may succeed on retry: one error naming them. */
export function terminalFailure(report: RunReport): SgPairingError | undefined {
  const failed = report.pairings.filter((p) => p.status === 'Failed' && p.retryable === false);
  if (failed.length === 0) return undefined;
  const list = failed.map((p) => `${p.name} (${p.reason ?? 'Failed'})`).join(', ');
  return new SgPairingError(
    `run ${report.runId}: ${failed.length} pairing(s) failed and need a fix, not a retry: ${list}. ${report.headline ?? ''}`.trim(),
    { code: 'RunFailed', retryable: false, pairing: failed[0].name, operation: 'reconcile' },
  );
}

/** One line per change and per pairing, then the report summary (the last line of a run). */
export function logReport(log: Logger, config: NormalizedConfig, report: RunReport): ReportSummary {
  const run = log.child({ runId: report.runId });
  for (const c of report.changes) {
    const fields = {
      account: c.accountId,
      group: c.groupId,
      pairing: c.pairing,
      change: c.action,
      result: c.status,
      ...(c.code ? { code: c.code, message: c.message } : {}),
    };
    if (c.status === 'failed') run.warn('change', fields);
    else run.info('change', fields);
  }
  const accountsOf = new Map(
    config.pairings.map((p) => [p.name, [...new Set(p.sides.map((s) => s.accountId))].sort()]),
  );
  for (const p of report.pairings) {
    const fields = {
      pairing: p.name,
      account: accountsOf.get(p.name)?.join(',') ?? '',
      result: p.status,
      ...(p.reason ? { reason: p.reason } : {}),
      ...(p.message ? { message: p.message } : {}),
      counts: p.counts,
    };
    if (p.status === 'Failed' || p.status === 'Blocked') run.warn('pairing', fields);
    else run.info('pairing', fields);
  }
  const summary = summarizeReport(report);
  run.info('run-report', { result: report.ok ? 'ok' : 'failed', report: summary });
  return summary;
}

/** Input that can never succeed: logged loudly, answered, never retried. */
export function rejectInput(
  log: Logger,
  error: TerminalError,
): InvocationOutcome<{ ok: false; error: Record<string, unknown> }> {
  log.error('input', { result: 'rejected', code: error.code, message: error.message });
  return { result: { ok: false, error: error.toJSON() } };
}

/** How a function answers a run: from its report (logged), or from the error that stopped it. */
export interface RunAnswer<T> {
  /** the log step that names a run that threw (e.g. 'reconcile', 'shard') */
  readonly step: string;
  /** the operation a thrown failure is attributed to */
  readonly operation: string;
  reported(report: RunReport, summary: ReportSummary): T;
  failed(error: SgPairingError): T;
}

/**
 * The one way a function turns a reconcile into its outcome: the report logged (one line per change
 * and pairing, then the summary) and answered, with a retryable failure to throw when a later run may
 * fix a failed pairing; or, when the run throws, the error logged and answered, thrown again only if
 * retryable.
 */
export async function reconcileOutcome<T>(
  config: NormalizedConfig,
  log: Logger,
  run: () => Promise<RunReport>,
  answer: RunAnswer<T>,
): Promise<InvocationOutcome<T>> {
  try {
    const report = await run();
    const retry = retryableFailure(report);
    const fail = retry === undefined ? terminalFailure(report) : undefined;
    return { result: answer.reported(report, logReport(log, config, report)), retry, ...(fail ? { fail } : {}) };
  } catch (err) {
    const e = toSgPairingError(err, { operation: answer.operation });
    log.error(answer.step, {
      result: 'failed',
      code: e.code,
      message: e.message,
      retryable: e.retryable,
      ...(e.pairing ? { pairing: e.pairing } : {}),
    });
    return { result: answer.failed(e), ...(e.retryable ? { retry: e } : {}) };
  }
}
