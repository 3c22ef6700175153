import type { EcsPort, GroupAttributes, InstanceSummary } from '../cloud/port';
import { withRetry, type RetryPolicy } from '../cloud/retry';
import { pairingAccountIds, type NormalizedConfig, type NormalizedPairing } from '../config';
import { toSgPairingError } from '../errors';
import type { Logger } from '../log';
import {
  chooseStrategies,
  defaultPlanLimits,
  requiredReads,
  selectPairings,
  type AccountFailure,
  type AccountRead,
  type ActualGroup,
  type ActualInstance,
  type ActualState,
  type MembershipTarget,
  type PlanLimits,
  type ReadTarget,
} from '../plan';
import { canonicalizeRule, factKey, recordTagKey, type GroupType } from '../rules';
import { chunk } from '../apply/chunk';
import { groupsNeedingType } from './groups-needing-type';
import { RecordReads } from './read-record';

export interface ReadDeps {
  /** ECS as the account (role assumed, calls paced); rejects when the role cannot be assumed */
  ecsFor(account: AccountRead): Promise<EcsPort>;
  /** group types by `<account>/<group>`, kept across runs: a group's type never changes */
  groupTypes?: Map<string, GroupType>;
  retry: RetryPolicy;
  log: Logger;
  /** the quotas the plan will check (auto's strategy depends on the reference quota) */
  limits?: PlanLimits;
  /** list the groups carrying the record tag in each account read, and read them too (a sweep) */
  listRecord?: boolean;
  /** groups known to carry the record tag, `<account>/<group>`, kept across runs; a listing corrects it */
  taggedGroups?: Set<string>;
  /** with `listRecord`: the declared accounts no pairing of the config uses are listed (and pruned) too */
  listUnusedAccounts?: boolean;
}

/**
 * Reads, fresh, everything the selected pairings depend on. Each account is a pipeline of its own
 * (assume the role; its instance sides in batches of 100 and its tag sides' instances, all pages;
 * then its groups' rules, one call per group plus pages), so a slow or throttled account does not
 * hold the others back. Group types, needed only where a group reference may land, are looked up
 * in batches of 100 the first time and remembered. Then, once every group is known, the strategy
 * of each auto pairing is chosen as the plan will choose it, and the members of the group sides
 * that send by address are listed. With `listRecord`, each account also lists the groups carrying
 * the record tag (beside its first reads) and reads those no pairing reads (see RecordReads). An
 * account that cannot be read becomes an AccountFailure, so only its pairings fail.
 */
export async function readActualState(
  config: NormalizedConfig,
  selection: readonly string[] | undefined,
  deps: ReadDeps,
): Promise<ActualState> {
  const first = requiredReads(config, selection);
  // Each account's pipeline plans its own reads over the pairings that touch it: linear overall.
  const byAccount = new Map<string, NormalizedPairing[]>();
  for (const p of selectPairings(config, selection)) {
    for (const id of new Set(p.sides.map((s) => s.accountId))) byAccount.set(id, [...(byAccount.get(id) ?? []), p]);
  }
  const instances: Record<string, ActualInstance> = {};
  const memberInstances: Record<string, ActualInstance[]> = {};
  const groups: Record<string, ActualGroup> = {};
  const failures: AccountFailure[] = [];
  const types = deps.groupTypes ?? new Map<string, GroupType>();
  const record = deps.listRecord
    ? new RecordReads(recordTagKey(config.name), config.region, types, deps.taggedGroups)
    : undefined;
  const call = <T>(fn: () => Promise<T>) => withRetry(fn, deps.retry);
  const mineOf =
    (accountId: string) =>
    <T extends { accountId: string }>(xs: readonly T[]) =>
      xs.filter((x) => x.accountId === accountId);
  const list = async (ecs: EcsPort, target: MembershipTarget): Promise<void> => {
    const filter =
      target.securityGroupId === undefined ? { tags: target.tags ?? {} } : { securityGroupId: target.securityGroupId };
    memberInstances[target.key] = (await call(() => ecs.listInstances(filter))).map((i) =>
      toActualInstance(target.accountId, i),
    );
  };

  const readAccount = async (account: AccountRead): Promise<void> => {
    const mine = mineOf(account.accountId);
    const scoped: NormalizedConfig = { ...config, pairings: byAccount.get(account.accountId) ?? [] };
    const ecs = await deps.ecsFor(account);
    const listing = record?.list(ecs, account.accountId, call);

    await Promise.all([
      listing,
      ...chunk(mine(first.instances).map((t) => t.id)).map(async (ids) => {
        for (const i of await call(() => ecs.describeInstances(ids)))
          instances[factKey(account.accountId, i.instanceId)] = toActualInstance(account.accountId, i);
      }),
      ...mine(first.memberships).map((target) => list(ecs, target)),
    ]);
    // An instance or tag side's receiving group is in its own account: this account's reads suffice.
    const known = { instances, memberInstances };
    const targets = mine(requiredReads(scoped, undefined, known).groups);
    const needed = groupsNeedingType(scoped, undefined, known);
    const targeted = new Set(targets.map((t) => t.key));
    const recorded = (await listing)?.filter((r) => !targeted.has(r.key)) ?? [];
    // Types and rules are read side by side (one round trip, not two): a group the type lookup does
    // not find is one its rules read answers NotFound for, and is simply absent.
    const typesRead = Promise.all(
      chunk(targets.filter((g) => needed.has(g.key) && !types.has(g.key)).map((g) => g.id)).map(async (ids) => {
        for (const g of await call(() => ecs.describeGroups(ids)))
          types.set(factKey(account.accountId, g.groupId), g.type);
      }),
    );
    const read = async (g: ReadTarget) => {
      const attributes = await call(() => readUnlessGone(ecs, g.id));
      await typesRead;
      if (attributes) groups[g.key] = toActualGroup(g, types.get(g.key) ?? 'normal', attributes);
    };
    await Promise.all([typesRead, ...targets.map(read), ...recorded.map((g) => record?.read(g, () => read(g)))]);
  };
  const failAccount = (accountId: string) => (err: unknown) => {
    const e = toSgPairingError(err, { account: accountId });
    failures.push({ accountId, code: e.code, message: e.message, retryable: e.retryable });
  };

  // Busiest accounts first: the hub's own AssumeRole rate decides when each account may start, so
  // the ones with the most calls to make (sides to read, groups to write) start earliest and the
  // last to start have little to do (longest-processing-time-first).
  const sides = new Map(
    first.accounts.map((a) => [
      a.accountId,
      (byAccount.get(a.accountId) ?? []).reduce(
        (n, p) => n + p.sides.filter((s) => s.accountId === a.accountId).length,
        0,
      ),
    ]),
  );
  const busiestFirst = [...first.accounts].sort(
    (a, b) => sides.get(b.accountId)! - sides.get(a.accountId)! || (a.accountId < b.accountId ? -1 : 1),
  );
  // A declared account no pairing uses any more is still listed when the record is: its last
  // pairing's rules there are pruned (keep the account declared until a sweep has run).
  if (record && deps.listUnusedAccounts) busiestFirst.push(...unusedAccounts(config));
  await Promise.all(busiestFirst.map((account) => readAccount(account).catch(failAccount(account.accountId))));

  // auto pairings that fall back to addresses: their sending group sides' members, listed now
  const strategies = chooseStrategies(
    config,
    { groups, instances, memberInstances, accountFailures: failures },
    deps.limits ?? defaultPlanLimits,
    selection,
  );
  const failed = new Set(failures.map((f) => f.accountId));
  const later = requiredReads(config, selection, { instances, memberInstances }, strategies).memberships.filter(
    (m) => memberInstances[m.key] === undefined && !failed.has(m.accountId),
  );
  const listLater = async (account: AccountRead): Promise<void> => {
    const ecs = await deps.ecsFor(account);
    await Promise.all(mineOf(account.accountId)(later).map((target) => list(ecs, target)));
  };
  await Promise.all(
    first.accounts
      .filter((a) => later.some((m) => m.accountId === a.accountId))
      .map((account) => listLater(account).catch(failAccount(account.accountId))),
  );

  deps.log.debug('read', {
    accounts: first.accounts.length,
    instances: Object.keys(instances).length,
    memberships: Object.keys(memberInstances).length,
    groups: Object.keys(groups).length,
    failedAccounts: failures.length,
  });
  // An account that failed midway may have left partial reads: its pairings fail on the account failure.
  const tagged = deps.taggedGroups === undefined ? {} : { taggedGroups: [...deps.taggedGroups].sort() };
  return {
    groups,
    instances,
    memberInstances,
    accountFailures: failures.sort((a, b) => (a.accountId < b.accountId ? -1 : 1)),
    ...record?.state(),
    ...tagged,
  };
}

/** The config's declared accounts no pairing acts in, by id. */
function unusedAccounts(config: NormalizedConfig): AccountRead[] {
  const ids = new Set(pairingAccountIds(config));
  return Object.values(config.accounts)
    .filter((a) => !ids.has(a.accountId))
    .map((a) => ({
      accountId: a.accountId,
      alias: a.alias,
      roleArn: a.roleArn,
      ...(a.externalId === undefined ? {} : { externalId: a.externalId }),
    }))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}

function toActualInstance(accountId: string, i: InstanceSummary): ActualInstance {
  return {
    accountId,
    instanceId: i.instanceId,
    status: i.status,
    privateIp: i.privateIp || undefined,
    vpcId: i.vpcId,
    securityGroupIds: i.securityGroupIds,
  };
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
