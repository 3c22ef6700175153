import { AccountSessions } from '../cloud/account-sessions';
import { createSdkCloud, type BaseIdentity } from '../cloud/adapters/sdk-cloud';
import type { CloudPort, FunctionsPort, ObjectStorePort } from '../cloud/port';
import type { RetryPolicy } from '../cloud/retry';
import type { NormalizedConfig } from '../config';
import { cloudAccess, type CloudAccess } from '../explain/cloud-access';
import type { Logger } from '../log';
import { runSinksFromEnv } from '../history';
import type { PrefixListCache, ReconcileDeps, RunTrigger, VpcCache } from '../reconcile';
import type { GroupType } from '../rules';

export type { BaseIdentity } from '../cloud/adapters/sdk-cloud';

export interface Runtime {
  cloud: CloudPort;
  sessions: AccountSessions;
  /** replace the base identity (FC: each invocation's `context.credentials`); sessions are kept */
  setIdentity(identity: BaseIdentity): void;
  /** FC 3.0 as the base identity (the fan-out); `accountId` names the default endpoint */
  functions(accountId: string): FunctionsPort;
  /** an OSS bucket as the base identity (the run history: `sg-pairing history`, `status --from-history`) */
  objects(bucket: string): ObjectStorePort;
  /** security group types seen so far (they never change), so later runs skip the lookup */
  groupTypes: Map<string, GroupType>;
  /** VPC CIDR blocks seen lately (see VpcCache), so warm runs skip DescribeVpcs for a while */
  vpcCidrs: VpcCache;
  /** security groups known to carry the record tag (listed or tagged by this process), so warm runs do not tag again */
  taggedGroups: Set<string>;
  /** the owned prefix lists listed by this process (see PrefixListCache), so an event run reads a known list by id */
  prefixListIds: PrefixListCache;
  /**
   * what reconcile needs of this process: its sessions and caches, with the caller's logger (every face);
   * with `trigger`, an applied run is also recorded where SG_PAIRING_HISTORY and SG_PAIRING_EVENT_BUS say
   */
  reconcileDeps(log: Logger, trigger?: RunTrigger): ReconcileDeps;
  /** the declared accounts for explain and verify: the same assumed, paced access as reconcile's, and the caches */
  cloudAccess(config: NormalizedConfig, retry?: RetryPolicy): CloudAccess;
}

/**
 * Wires the real cloud for a face. Keep the returned runtime for the life of the process: its
 * sessions are the per-account AssumeRole cache shared by every run (warm FC invocations included).
 */
export function createRuntime(region: string, identity: BaseIdentity, env: NodeJS.ProcessEnv = process.env): Runtime {
  const cloud = createSdkCloud(region, identity, env);
  const process_ = `${Date.now().toString(36)}`;
  const sessions = new AccountSessions(cloud, () => `sg-pairing-${process_}`);
  const groupTypes = new Map<string, GroupType>();
  const taggedGroups = new Set<string>();
  const vpcCidrs: VpcCache = new Map();
  const prefixListIds: PrefixListCache = new Map();
  return {
    cloud,
    sessions,
    setIdentity: (identity) => cloud.setIdentity(identity),
    functions: (accountId) => cloud.functions(accountId),
    objects: (bucket) => cloud.objects(bucket),
    groupTypes,
    vpcCidrs,
    taggedGroups,
    prefixListIds,
    reconcileDeps: (log, trigger) => {
      const sinks = trigger === undefined ? undefined : runSinksFromEnv(trigger, cloud, env);
      return {
        sessions,
        groupTypes,
        vpcCidrs,
        taggedGroups,
        prefixListIds,
        log,
        directory: cloud.directory?.(),
        ...(sinks === undefined ? {} : { sinks }),
      };
    },
    cloudAccess: (config, retry) => cloudAccess(config, { sessions, groupTypes }, retry),
  };
}
