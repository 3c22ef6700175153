import { apiError } from '../errors/api-errors';
import type { Scope } from './scope';

/** Signature and protocol parameters of the v1 form; they change on every retry by design. */
const volatile = new Set([
  'ClientToken',
  'Signature',
  'SignatureNonce',
  'SignatureMethod',
  'SignatureVersion',
  'Timestamp',
  'AccessKeyId',
  'SecurityToken',
  'Format',
  'Version',
  'Action',
]);

/**
 * ClientToken idempotency: the first successful call with a token runs `apply` and stores its
 * response; a retry with the same token and the same parameters gets that response back without
 * applying again; the same token with other parameters is IdempotentParameterMismatch. A failed
 * call stores nothing, so its retry runs afresh.
 */
export function withClientToken(
  scope: Scope,
  action: string,
  params: Record<string, string>,
  apply: () => Record<string, unknown>,
): Record<string, unknown> {
  const token = params.ClientToken;
  if (token === undefined || token === '') return apply();
  if (token.length > 64 || !/^[\x20-\x7e]+$/.test(token)) throw apiError('InvalidClientToken.ValueNotSupported');
  const key = `${scope.account}|${action}|${token}`;
  const fingerprint = JSON.stringify(
    Object.keys(params)
      .filter((k) => !volatile.has(k))
      .sort()
      .map((k) => [k, params[k]]),
  );
  const seen = scope.world.clientTokens.get(key);
  if (seen) {
    if (seen.fingerprint !== fingerprint) throw apiError('IdempotentParameterMismatch');
    return seen.response;
  }
  const response = apply();
  scope.world.clientTokens.set(key, { fingerprint, response });
  return response;
}
