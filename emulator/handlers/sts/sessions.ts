import { randomBytes } from 'node:crypto';
import type { Account, Role, Session, World } from '../../models/world';
import { roleArnOf } from '../../models/identity';

/** Sessions expired this long ago are forgotten (an older token then reads as an unknown key). */
const FORGET_AFTER_MS = 24 * 3600_000;

const alnum = (n: number): string =>
  randomBytes(n)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, n)
    .padEnd(n, 'x');

/** Issues temporary credentials acting in the role's account and stores them in `world.sessions`. */
export function issueSession(
  world: World,
  account: Account,
  role: Role,
  sessionName: string,
  durationSeconds: number,
  now: number,
): Session {
  for (const [key, s] of world.sessions) if (s.expiresAt + FORGET_AFTER_MS < now) world.sessions.delete(key);
  const session: Session = {
    accessKeyId: `STS.${alnum(24)}`,
    secret: alnum(44),
    token: `CAIS${randomBytes(96).toString('base64')}`,
    account: account.id,
    roleArn: roleArnOf(account.id, role.name),
    sessionName,
    expiresAt: now + durationSeconds * 1000,
  };
  world.sessions.set(session.accessKeyId, session);
  return session;
}

/** A role of an account, looked up case-insensitively. */
export function findRole(account: Account, name: string): Role | undefined {
  const exact = account.roles.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const r of account.roles.values()) if (r.name.toLowerCase() === lower) return r;
  return undefined;
}
