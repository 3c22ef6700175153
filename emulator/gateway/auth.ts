import { apiError } from '../errors/api-errors';
import type { Account, Caller, World } from '../models/world';

/**
 * Key lookup without scanning every account per request: a cache over `world.accountOfKey`,
 * re-validated on each hit (so accounts added or changed directly in the world are still seen).
 */
export class KeyDirectory {
  private readonly index = new Map<string, Account>();

  constructor(private readonly world: World) {}

  accountOf(accessKeyId: string): Account | undefined {
    const hit = this.index.get(accessKeyId);
    if (hit && this.world.accounts.get(hit.id) === hit && hit.accessKeys.has(accessKeyId)) return hit;
    const found = this.world.accountOfKey(accessKeyId);
    if (found) this.index.set(accessKeyId, found);
    else this.index.delete(accessKeyId);
    return found;
  }

  /** The secret for a long-lived key or an STS session key. */
  secretOf(accessKeyId: string): string | undefined {
    const session = this.world.sessions.get(accessKeyId);
    if (session) return session.secret;
    return this.accountOf(accessKeyId)?.accessKeys.get(accessKeyId);
  }

  clear(): void {
    this.index.clear();
  }
}

/**
 * Turns a verified access key into the caller. A long-lived key acts in its own account; an STS key
 * acts in the account its role lives in, and only with the token it was issued with, until expiry.
 */
export function authenticate(
  world: World,
  keys: KeyDirectory,
  accessKeyId: string,
  token: string | undefined,
  now: number,
): Caller {
  const session = world.sessions.get(accessKeyId);
  if (session) {
    if (token === undefined || token === '') throw apiError('MissingSecurityToken');
    if (token !== session.token) {
      const known = [...world.sessions.values()].some((s) => s.token === token);
      throw apiError(known ? 'InvalidSecurityToken.MismatchWithAccessKey' : 'InvalidSecurityToken.Malformed');
    }
    if (now >= session.expiresAt) throw apiError('InvalidSecurityToken.Expired');
    return { account: session.account, accessKeyId, session };
  }
  const account = keys.accountOf(accessKeyId);
  if (!account) throw apiError('InvalidAccessKeyId.NotFound');
  if (token !== undefined)
    throw apiError('InvalidSecurityToken.Malformed', 'A SecurityToken was sent with a long-lived AccessKey.');
  return account.rootKeys?.has(accessKeyId)
    ? { account: account.id, accessKeyId, root: true }
    : { account: account.id, accessKeyId };
}
