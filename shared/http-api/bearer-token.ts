import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The token check of the HTTP face. With FC `authType: function` the trigger's own signature
 * occupies `Authorization`, so the token is also accepted in `X-Sg-Pairing-Token`.
 */
export const TOKEN_HEADER = 'x-sg-pairing-token';

/** The tokens a request presents: `Authorization: Bearer <t>` and/or `X-Sg-Pairing-Token: <t>`. */
export function presentedTokens(headers: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (bearer) out.push(bearer[1]);
  const direct = headers[TOKEN_HEADER]?.trim();
  if (direct) out.push(direct);
  return out;
}

/** Constant-time: both sides are hashed to equal-length digests before timingSafeEqual. */
export function tokenMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export function requestAuthorized(headers: Readonly<Record<string, string>>, expected: string): boolean {
  // every presented token is compared, so timing does not tell which header matched
  return presentedTokens(headers)
    .map((t) => tokenMatches(t, expected))
    .reduce((any, ok) => any || ok, false);
}
