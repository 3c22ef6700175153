import { z } from 'zod';
import { validatePayload, type Parsed } from '../payload';
import { isSgPairingError } from '../errors';
import type { Logger } from '../log';
import type { VerifyReport } from '../verify';
import { namePattern } from '../config/patterns';
import { answerFailure } from './answer-outcome';
import { errorResponse, jsonResponse, refuseInput, type HttpRequest, type HttpResponse } from './http-message';
import { decodeJsonObject, unknownQuery } from './reconcile-request';
import { withinGate, type Gate } from './instance-limits';

/** Seconds a caller should wait before retrying a 429 (too many verifications at once). */
export const VERIFY_RETRY_AFTER_SECONDS = 10;

/** POST /verify names one declared pairing, nothing else: the probe targets come from the config. */
export const VerifyBodySchema = z.strictObject({
  pairing: z.string().regex(namePattern, 'not a pairing name ([a-z0-9-], 1..63 characters)'),
});

export type VerifyRequest = z.output<typeof VerifyBodySchema>;

export function parseVerifyBody(request: HttpRequest): Parsed<VerifyRequest> {
  const query = Object.keys(request.query).sort();
  if (query.length > 0)
    return unknownQuery(query, 'POST /verify takes {"pairing": NAME} in the JSON body', 'parseVerifyBody');
  const json = decodeJsonObject(request.body.length === 0 ? Buffer.from('null') : request.body, '{"pairing": "NAME"}');
  if (!json.ok) return json;
  return validatePayload(json.value, {
    schema: VerifyBodySchema,
    invalid: { code: 'InvalidBody' },
    operation: 'parseVerifyBody',
    wording: { unknownKey: 'field', mustBe: () => 'pairing must be a string, the name of a declared pairing' },
  });
}

/**
 * POST /verify: 200 with the verify report once the probes ran (reachable or not: see `reachable`);
 * 403 VerifyNotEnabled when the pairing has not opted in with `verify: true`; 404 for an unknown
 * pairing; 501 where the face has no verify; 429 (Retry-After) while `gate` is full (the
 * instance already runs its limit of verifications); else as any failure (503 retryable, 500
 * otherwise).
 */
export async function answerVerify(
  request: HttpRequest,
  verify: ((r: VerifyRequest) => Promise<VerifyReport>) | undefined,
  log: Logger,
  gate?: Gate,
): Promise<HttpResponse> {
  const parsed = parseVerifyBody(request);
  if (!parsed.ok) return refuseInput(parsed.error);
  if (!verify) return errorResponse(501, { code: 'NotImplemented', message: 'this face does not run verifications' });
  if (!gate) return runVerify(parsed.value, verify, log);
  return withinGate(gate, tooManyVerifications, () => runVerify(parsed.value, verify, log));
}

function tooManyVerifications(): HttpResponse {
  return errorResponse(
    429,
    {
      code: 'TooManyVerifications',
      message: `this instance already runs its limit of verifications; retry after ${VERIFY_RETRY_AFTER_SECONDS} s`,
      retryable: true,
    },
    { 'Retry-After': String(VERIFY_RETRY_AFTER_SECONDS) },
  );
}

async function runVerify(
  request: VerifyRequest,
  verify: (r: VerifyRequest) => Promise<VerifyReport>,
  log: Logger,
): Promise<HttpResponse> {
  try {
    return jsonResponse(200, await verify(request));
  } catch (err) {
    if (isSgPairingError(err) && err.code === 'VerifyNotEnabled')
      return errorResponse(403, { code: err.code, message: err.message, retryable: false });
    const response = answerFailure(err);
    const error = isSgPairingError(err) ? err.toJSON() : { message: err instanceof Error ? err.message : String(err) };
    log[response.statusCode >= 500 ? 'error' : 'warn']('http.failed', { error });
    return response;
  }
}
