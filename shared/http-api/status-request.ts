import type { ComplianceModel } from '../compliance';
import { renderStatusPage } from '../compliance-graph';
import { isSgPairingError } from '../errors';
import type { Logger } from '../log';
import { answerFailure } from './answer-outcome';
import { errorResponse, jsonResponse, refuseInput, type HttpRequest, type HttpResponse } from './http-message';
import { unknownQuery } from './reconcile-request';

/** The page loads nothing from anywhere: inline style and SVG only, no script. */
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
};

/**
 * GET /status (the self-contained HTML page) and GET /status.json (the model): 200 with the
 * compliance model of a dry run, whatever the pairings' states (the page says them); 400 for any
 * query parameter; 501 where the face has no compliance view; else as any failure (503 retryable,
 * 500 otherwise).
 */
export async function answerStatus(
  request: HttpRequest,
  compliance: (() => Promise<ComplianceModel>) | undefined,
  log: Logger,
): Promise<HttpResponse> {
  const query = Object.keys(request.query).sort();
  if (query.length > 0) {
    const refused = unknownQuery(query, `${request.path} takes no parameter`, 'answerStatus');
    if (!refused.ok) return refuseInput(refused.error);
  }
  if (!compliance) return errorResponse(501, { code: 'NotImplemented', message: 'this face has no compliance view' });
  try {
    const model = await compliance();
    if (request.path === '/status.json') return jsonResponse(200, model);
    return { statusCode: 200, headers: PAGE_HEADERS, body: renderStatusPage(model) };
  } catch (err) {
    const response = answerFailure(err);
    const error = isSgPairingError(err) ? err.toJSON() : { message: err instanceof Error ? err.message : String(err) };
    log[response.statusCode >= 500 ? 'error' : 'warn']('http.failed', { error });
    return response;
  }
}
