import { AccountSessions } from './cloud/account-sessions';
import { createSdkCloud, type BaseIdentity } from './cloud/adapters/sdk-cloud';
import type { CloudPort } from './cloud/port';

export type { BaseIdentity } from './cloud/adapters/sdk-cloud';

export interface Runtime {
  cloud: CloudPort;
  sessions: AccountSessions;
  /** replace the base identity (FC: each invocation's `context.credentials`); sessions are kept */
  setIdentity(identity: BaseIdentity): void;
}

/**
 * Wires the real cloud for a face. Keep the returned runtime for the life of the process: its
 * sessions are the per-account AssumeRole cache shared by every run (warm FC invocations included).
 */
export function createRuntime(region: string, identity: BaseIdentity, env: NodeJS.ProcessEnv = process.env): Runtime {
  const cloud = createSdkCloud(region, identity, env);
  const process_ = `${Date.now().toString(36)}`;
  return { cloud, sessions: new AccountSessions(cloud, () => `sg-pairing-${process_}`), setIdentity: (identity) => cloud.setIdentity(identity) };
}
