import { z } from 'zod';
import { validatePayload, type Parsed } from '../payload';
import { isSgPairingError } from '../errors';
import type { Logger } from '../log';
import type { VerifyReport } from '../verify';
import { namePattern } from '../config/patterns';
import { answerFailure } from './answer-outcome';
import { errorResponse, jsonResponse, refuseInput, type HttpRequest, type HttpResponse } from './http-message';
import { decodeJsonObject, unknownQuery } from './reconcile-request';

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
 * pairing; 501 where the face has no verify; else as any failure (503 retryable, 500 otherwise).
 */
export async function answerVerify(
  request: HttpRequest,
  verify: ((r: VerifyRequest) => Promise<VerifyReport>) | undefined,
  log: Logger,
): Promise<HttpResponse> {
  const parsed = parseVerifyBody(request);
  if (!parsed.ok) return refuseInput(parsed.error);
  if (!verify) return errorResponse(501, { code: 'NotImplemented', message: 'this face does not run verifications' });
  try {
    return jsonResponse(200, await verify(parsed.value));
  } catch (err) {
    if (isSgPairingError(err) && err.code === 'VerifyNotEnabled')
      return errorResponse(403, { code: err.code, message: err.message, retryable: false });
    const response = answerFailure(err);
    const error = isSgPairingError(err) ? err.toJSON() : { message: err instanceof Error ? err.message : String(err) };
    log[response.statusCode >= 500 ? 'error' : 'warn']('http.failed', { error });
    return response;
  }
}
