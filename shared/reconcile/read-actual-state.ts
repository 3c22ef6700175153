import pLimit from 'p-limit';
import type { EcsPort, GroupAttributes } from '../cloud/port';
import { withRetry, type RetryPolicy } from '../cloud/retry';
import type { NormalizedConfig } from '../config';
import { toSgPairingError } from '../errors';
import type { Logger } from '../log';
import { requiredReads, type AccountFailure, type AccountRead, type ActualGroup, type ActualInstance, type ActualState, type ReadTarget } from '../plan';
import { canonicalizeRule, factKey, type GroupType } from '../rules';
import { groupsNeedingType } from './groups-needing-type';
import { chunk } from '../apply/chunk';

export interface ReadDeps {
  ecsFor(account: AccountRead): Promise<EcsPort>;
  /** group types by `<account>/<group>`, kept across runs: a group's type never changes */
  groupTypes?: Map<string, GroupType>;
  concurrencyPerAccount: number;
  retry: RetryPolicy;
  log: Logger;
}

/**
 * Reads, fresh, everything the selected pairings depend on: instances in batches of 100, then each
 * group's rules (one call per group, plus pages). Group types, needed only where a group reference
 * would land, are looked up in batches of 100 the first time and then remembered. An account that
 * cannot be read becomes an AccountFailure, so only its pairings fail.
 */
export async function readActualState(config: NormalizedConfig, selection: readonly string[] | undefined, deps: ReadDeps): Promise<ActualState> {
  const first = requiredReads(config, selection);
  const failures = new Map<string, AccountFailure>();
  const ports = new Map<string, EcsPort>();
  await Promise.all(
    first.accounts.map(async (account) => {
      try {
        ports.set(account.accountId, await deps.ecsFor(account));
      } catch (err) {
        fail(failures, account.accountId, err);
      }
    }),
  );
  const limits = new Map(first.accounts.map((a) => [a.accountId, pLimit(deps.concurrencyPerAccount)]));
  const run = <T>(accountId: string, fn: (ecs: EcsPort) => Promise<T>): Promise<T | undefined> => {
    const ecs = ports.get(accountId);
    if (!ecs || failures.has(accountId)) return Promise.resolve(undefined);
    return limits.get(accountId)!(async () => {
      try {
        return await withRetry(() => fn(ecs), deps.retry);
      } catch (err) {
        fail(failures, accountId, err);
        return undefined;
      }
    });
  };

  const instances: Record<string, ActualInstance> = {};
  await Promise.all(
    batches(first.instances).map(({ accountId, ids }) =>
      run(accountId, async (ecs) => {
        for (const i of await ecs.describeInstances(ids)) {
          instances[factKey(accountId, i.instanceId)] = { accountId, instanceId: i.instanceId, status: i.status, privateIp: i.privateIp || undefined, vpcId: i.vpcId, securityGroupIds: i.securityGroupIds };
        }
      }),
    ),
  );

  const second = requiredReads(config, selection, { instances });
  const types = deps.groupTypes ?? new Map<string, GroupType>();
  const needed = groupsNeedingType(config, selection, instances);
  const gone = new Set<string>();
  await Promise.all(
    batches(second.groups.filter((g) => needed.has(g.key) && !types.has(g.key))).map(({ accountId, ids }) =>
      run(accountId, async (ecs) => {
        const found = new Map((await ecs.describeGroups(ids)).map((g) => [g.groupId, g]));
        for (const id of ids) {
          const g = found.get(id);
          if (g) types.set(factKey(accountId, id), g.type);
          else gone.add(factKey(accountId, id));
        }
      }),
    ),
  );
  const groups: Record<string, ActualGroup> = {};
  await Promise.all(
    second.groups
      .filter((g) => !gone.has(g.key))
      .map((g) =>
        run(g.accountId, async (ecs) => {
          const attributes = await readUnlessGone(ecs, g.id);
          if (attributes) groups[g.key] = toActualGroup(g, types.get(g.key) ?? 'normal', attributes);
        }),
      ),
  );
  deps.log.debug('read', { accounts: first.accounts.length, instances: Object.keys(instances).length, groups: Object.keys(groups).length, failedAccounts: failures.size });
  return { groups, instances, accountFailures: [...failures.values()].sort((a, b) => (a.accountId < b.accountId ? -1 : 1)) };
}

/** A group deleted between the two reads is simply not there: the plan reports it, the account goes on. */
async function readUnlessGone(ecs: EcsPort, groupId: string): Promise<GroupAttributes | undefined> {
  try {
    return await ecs.readGroupAttributes(groupId);
  } catch (err) {
    if ((err as { code?: string }).code === 'InvalidSecurityGroupId.NotFound') return undefined;
    throw err;
  }
}

function toActualGroup(target: ReadTarget, type: GroupType, attributes: GroupAttributes): ActualGroup {
  const holder = { accountId: target.accountId, groupId: target.id };
  const ingress = attributes.permissions.filter((p) => p.Direction.toLowerCase() === 'ingress');
  const referenced = new Set(attributes.permissions.map((p) => p.SourceGroupId).filter((id) => id !== ''));
  return {
    accountId: target.accountId,
    groupId: target.id,
    vpcId: attributes.vpcId,
    type,
    innerAccessPolicy: attributes.innerAccessPolicy,
    regionId: target.region,
    rules: ingress.map((p) => canonicalizeRule(p, holder)),
    ruleCount: attributes.permissions.length,
    referencedGroupCount: referenced.size,
  };
}

function batches(targets: readonly ReadTarget[]): { accountId: string; ids: string[] }[] {
  const byAccount = new Map<string, string[]>();
  for (const t of targets) byAccount.set(t.accountId, [...(byAccount.get(t.accountId) ?? []), t.id]);
  return [...byAccount.entries()].flatMap(([accountId, ids]) => chunk(ids).map((part) => ({ accountId, ids: part })));
}

function fail(failures: Map<string, AccountFailure>, accountId: string, err: unknown): void {
  if (failures.has(accountId)) return;
  const e = toSgPairingError(err, { account: accountId });
  failures.set(accountId, { accountId, code: e.code, message: e.message, retryable: e.retryable });
}
