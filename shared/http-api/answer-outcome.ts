import { isSgPairingError } from '../errors';
import type { RunReport } from '../reconcile';
import { errorResponse, jsonResponse, type HttpResponse } from './http-message';

/** Seconds a caller should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 30;

/**
 * A run report as an HTTP answer: 200 when every selected pairing is in sync, changed or pending;
 * 503 when every selected pairing failed and every failure is retryable (the cloud or STS was
 * unavailable: nothing was done, try later), with the report beside the error; else 207 (some
 * pairings failed or are blocked: the report says which and why).
 */
export function answerReport(report: RunReport): HttpResponse {
  if (report.ok) return jsonResponse(200, report);
  const allRetryable =
    report.pairings.length > 0 && report.pairings.every((p) => p.status === 'Failed' && p.retryable === true);
  if (allRetryable) {
    const codes = [...new Set(report.pairings.map((p) => p.reason ?? 'Unknown'))].sort().join(', ');
    return jsonResponse(
      503,
      {
        error: {
          code: 'CloudUnavailable',
          message: `every selected pairing failed with a retryable error (${codes}); retry later`,
          retryable: true,
        },
        report,
      },
      { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    );
  }
  return jsonResponse(207, report);
}

/**
 * A thrown failure as an HTTP answer, never echoing a stack or a secret: an unknown pairing is
 * 404; a retryable failure 503; a known terminal one (e.g. the deployed config is invalid) 500
 * with its code; anything unexpected 500 with a generic message (the log has the detail).
 */
export function answerFailure(thrown: unknown): HttpResponse {
  if (isSgPairingError(thrown)) {
    if (thrown.code === 'UnknownPairing')
      return errorResponse(404, { code: 'UnknownPairing', message: thrown.message, retryable: false });
    if (thrown.retryable)
      return errorResponse(
        503,
        { code: thrown.code, message: thrown.message, retryable: true },
        { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      );
    return errorResponse(500, { code: thrown.code, message: thrown.message, retryable: false });
  }
  return errorResponse(500, {
    code: 'InternalError',
    message: 'internal error; the function log has the detail',
    retryable: false,
  });
}
