import { z } from 'zod';
import { isSgPairingError } from '../errors';
import type { Logger } from '../log';
import type { VerifyReport } from '../verify';
import { namePattern } from '../config/patterns';
import { answerFailure } from './answer-outcome';
import { errorResponse, jsonResponse, type HttpRequest, type HttpResponse } from './http-message';
import type { Issue, Parsed } from './reconcile-request';

/** POST /verify names one declared pairing, nothing else: the probe targets come from the config. */
export const VerifyBodySchema = z.strictObject({
  pairing: z.string().regex(namePattern, 'not a pairing name ([a-z0-9-], 1..63 characters)'),
});

export type VerifyRequest = z.output<typeof VerifyBodySchema>;

export function parseVerifyBody(request: HttpRequest): Parsed<VerifyRequest> {
  const query = Object.keys(request.query).sort();
  if (query.length > 0) {
    const issues = query.map((k) => ({
      path: k,
      message: `unknown query parameter "${k}" (POST /verify takes {"pairing": NAME} in the JSON body)`,
    }));
    return { ok: false, code: 'InvalidQuery', message: issues.map((i) => i.message).join('; '), issues };
  }
  let json: unknown;
  try {
    json = JSON.parse(request.body.toString('utf8') || 'null');
  } catch (err) {
    return { ok: false, code: 'MalformedBody', message: `the body is not JSON: ${(err as Error).message}` };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, code: 'MalformedBody', message: 'the body must be a JSON object: {"pairing": "NAME"}' };
  }
  const parsed = VerifyBodySchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues: Issue[] = parsed.error.issues.flatMap((i): Issue[] => {
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: k, message: `unknown field "${k}"` }));
    if (i.code === 'invalid_type')
      return [{ path: 'pairing', message: 'pairing must be a string, the name of a declared pairing' }];
    return [{ path: i.path.join('.'), message: `${i.path.join('.')}: ${i.message}` }];
  });
  return { ok: false, code: 'InvalidBody', message: issues.map((i) => i.message).join('; '), issues };
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
  if (!parsed.ok)
    return errorResponse(400, {
      code: parsed.code,
      message: parsed.message,
      ...(parsed.issues ? { issues: parsed.issues } : {}),
    });
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
