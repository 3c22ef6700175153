/**
 * How the HTTP face authenticates, read from the function's environment. A token is the default:
 * an empty or missing SG_PAIRING_HTTP_TOKEN (a CI secret that was not set) never turns the check
 * off; running open takes an explicit SG_PAIRING_HTTP_AUTH=none. Anything else is a
 * misconfiguration that refuses every request (500 HttpAuthNotConfigured) and is logged once per
 * instance. The token's value is never part of a message.
 */
export const HTTP_TOKEN_VARIABLE = 'SG_PAIRING_HTTP_TOKEN';
export const HTTP_AUTH_VARIABLE = 'SG_PAIRING_HTTP_AUTH';

export type HttpAuth =
  | { readonly mode: 'token'; readonly token: string }
  | { readonly mode: 'none' }
  | { readonly mode: 'misconfigured'; readonly message: string };

export function httpAuthFromEnv(env: Readonly<Record<string, string | undefined>>): HttpAuth {
  const token = env[HTTP_TOKEN_VARIABLE]?.trim() ?? '';
  const mode = env[HTTP_AUTH_VARIABLE]?.trim().toLowerCase() ?? '';
  if (mode === 'none') {
    if (token === '') return { mode: 'none' };
    return misconfigured(`${HTTP_AUTH_VARIABLE}=none contradicts a set ${HTTP_TOKEN_VARIABLE}: unset one of them`);
  }
  if (mode !== '' && mode !== 'token')
    return misconfigured(`${HTTP_AUTH_VARIABLE} must be "token" (the default) or "none", got "${mode.slice(0, 20)}"`);
  if (token === '')
    return misconfigured(
      `${HTTP_TOKEN_VARIABLE} is empty or not set: set it (the API's bearer token), or set ${HTTP_AUTH_VARIABLE}=none to run without one`,
    );
  return { mode: 'token', token };
}

const misconfigured = (message: string): HttpAuth => ({ mode: 'misconfigured', message });
