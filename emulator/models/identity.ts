import { createHash } from 'node:crypto';
import type { Session } from './world';

/** `acs:ram::<uid>:role/<name>`; the name is matched case-insensitively (RAM role names are). */
const ROLE_ARN = /^acs:ram::(\d{1,20}):role\/([A-Za-z0-9.@_-]{1,64})$/i;

export interface RoleRef {
  account: string;
  /** as given in the ARN */
  name: string;
}

export function parseRoleArn(arn: string): RoleRef | undefined {
  const m = ROLE_ARN.exec(arn.trim());
  return m ? { account: m[1], name: m[2] } : undefined;
}

/** ARNs name roles in lower case (UNCONFIRMED; see COVERAGE.md). */
export const roleArnOf = (account: string, roleName: string): string =>
  `acs:ram::${account}:role/${roleName.toLowerCase()}`;

export function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

/** A stable numeric role id (real ones look like `34458433936495xxxx`), derived from the ARN. */
export function roleIdOf(roleArn: string): string {
  const digest = createHash('sha256').update(roleArn).digest();
  return (digest.readBigUInt64BE(0) % 10n ** 17n).toString().padStart(17, '3');
}

/** `<roleId>:<sessionName>`, the AssumedRoleId and the ActionTrail principalId of a session. */
export const assumedRoleId = (s: Pick<Session, 'roleArn' | 'sessionName'>): string =>
  `${roleIdOf(s.roleArn)}:${s.sessionName}`;
