import { AccountSessions } from '../cloud/account-sessions';
import { createSdkCloud, type BaseIdentity } from '../cloud/adapters/sdk-cloud';
import type { CloudPort, FunctionsPort } from '../cloud/port';
import type { GroupType } from '../rules';

export type { BaseIdentity } from '../cloud/adapters/sdk-cloud';

export interface Runtime {
  cloud: CloudPort;
  sessions: AccountSessions;
  /** replace the base identity (FC: each invocation's `context.credentials`); sessions are kept */
  setIdentity(identity: BaseIdentity): void;
  /** FC 3.0 as the base identity (the fan-out); `accountId` names the default endpoint */
  functions(accountId: string): FunctionsPort;
  /** security group types seen so far (they never change), so later runs skip the lookup */
  groupTypes: Map<string, GroupType>;
  /** security groups known to carry the record tag (listed or tagged by this process), so warm runs do not tag again */
  taggedGroups: Set<string>;
}

/**
 * Wires the real cloud for a face. Keep the returned runtime for the life of the process: its
 * sessions are the per-account AssumeRole cache shared by every run (warm FC invocations included).
 */
export function createRuntime(region: string, identity: BaseIdentity, env: NodeJS.ProcessEnv = process.env): Runtime {
  const cloud = createSdkCloud(region, identity, env);
  const process_ = `${Date.now().toString(36)}`;
  return {
    cloud,
    sessions: new AccountSessions(cloud, () => `sg-pairing-${process_}`),
    setIdentity: (identity) => cloud.setIdentity(identity),
    functions: (accountId) => cloud.functions(accountId),
    groupTypes: new Map(),
    taggedGroups: new Set(),
  };
}
