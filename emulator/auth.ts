import type { IncomingHttpHeaders } from 'node:http';
import { apiError } from './errors';
import type { Caller } from './models/world';
import type { Emulator } from './server';

/**
 * Turns a verified access key into the caller. A long-lived key acts in its own account; an STS key
 * acts in the account its role lives in, and only with the token it was issued with, until expiry.
 */
export function authenticate(emulator: Emulator, headers: IncomingHttpHeaders, accessKeyId: string): Caller {
  const token = headers['x-acs-security-token'];
  const session = emulator.world.sessions.get(accessKeyId);
  if (session) {
    if (token === undefined) throw apiError('MissingSecurityToken');
    if (token !== session.token) {
      const known = [...emulator.world.sessions.values()].some((s) => s.token === token);
      throw apiError(known ? 'InvalidSecurityToken.MismatchWithAccessKey' : 'InvalidSecurityToken.Malformed');
    }
    if (emulator.clock() >= session.expiresAt) throw apiError('InvalidSecurityToken.Expired');
    return { account: session.account, accessKeyId, session };
  }
  const account = emulator.world.accountOfKey(accessKeyId);
  if (!account) throw apiError('InvalidAccessKeyId.NotFound');
  if (token !== undefined) throw apiError('InvalidSecurityToken.Malformed', 'A SecurityToken was sent with a long-lived AccessKey.');
  return { account: account.id, accessKeyId };
}
