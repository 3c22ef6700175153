import type { EcsPort, VpcPort } from '../cloud/port';
import type { RetryPolicy } from '../cloud/retry';
import { pairingAccountIds, type NormalizedConfig, type NormalizedPairing } from '../config';
import type { Logger } from '../log';
import {
  chooseStrategies,
  defaultPlanLimits,
  requiredReads,
  selectPairings,
  type AccountRead,
  type ActualState,
  type MembershipTarget,
  type PlanLimits,
  type RequiredReads,
} from '../plan';
import { RECORD_TAG_VALUE, recordTagKey, recordTagValue, type GroupType } from '../rules';
import { FactReads, type VpcCache } from './fact-reads';
import { groupsNeedingType } from './groups-needing-type';
import { PrefixListReads, type PrefixListCache } from './read-prefix-lists';
import { readLegacyHolders, RecordReads } from './read-record';

export interface ReadDeps {
  /** ECS as the account (role assumed, calls paced); rejects when the role cannot be assumed */
  ecsFor(account: AccountRead): Promise<EcsPort>;
  /** the VPC API as the account (DescribeVpcs: the CIDR blocks members' addresses must lie in) */
  vpcFor(account: AccountRead): Promise<VpcPort>;
  /** VPC CIDR blocks by `<account>/<vpc>`, kept across runs for a while (see VpcCache) */
  vpcCidrs?: VpcCache;
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
  /** selected prefix-list pairings read from their sending side alone: its members and owned lists (PlanOptions.listOnly) */
  listOnly?: readonly string[];
  /** the owned lists this process has listed (see PrefixListCache); one per process */
  prefixListIds?: PrefixListCache;
}

/** What one run's read shares between its steps. */
interface ReadRun {
  readonly config: NormalizedConfig;
  readonly selection: readonly string[] | undefined;
  readonly deps: ReadDeps;
  readonly first: RequiredReads;
  /** the selected pairings that touch each account */
  readonly byAccount: ReadonlyMap<string, NormalizedPairing[]>;
  readonly reads: FactReads;
  readonly record?: RecordReads;
  /** record values read for groups holding legacy markers (see readLegacyHolders) */
  readonly legacyValues: Record<string, string>;
  readonly lists: PrefixListReads;
  readonly listOnly: ReadonlySet<string>;
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
 * account that cannot be read becomes an AccountFailure, so only its pairings fail (see FactReads).
 */
export async function readActualState(
  config: NormalizedConfig,
  selection: readonly string[] | undefined,
  deps: ReadDeps,
): Promise<ActualState> {
  const reads = new FactReads(deps.retry, deps.groupTypes, deps.vpcCidrs);
  const listOnly = new Set(deps.listOnly ?? []);
  const run: ReadRun = {
    config,
    selection,
    deps,
    listOnly,
    first: requiredReads(config, selection, undefined, undefined, listOnly),
    byAccount: pairingsByAccount(config, selection),
    reads,
    record: deps.listRecord
      ? new RecordReads(recordTagKey(config.name), listedValues(config), config.region, reads.types, deps.taggedGroups)
      : undefined,
    legacyValues: {},
    lists: new PrefixListReads(config, selection, listOnly, deps.prefixListIds),
  };
  await reads.forEachAccount(accountsInOrder(run), (account) => readAccount(run, account));
  await listLaterMemberships(run);
  logRead(run);
  const tagged = deps.taggedGroups === undefined ? {} : { taggedGroups: [...deps.taggedGroups].sort() };
  const listed = run.record?.state();
  const values: Record<string, string> = { ...(listed?.recordValues as Record<string, string>), ...run.legacyValues };
  const recordValues = Object.keys(values).length === 0 ? {} : { recordValues: sortedRecord(values) };
  return { ...reads.state(), ...listed, ...recordValues, ...run.lists.state(), ...tagged };
}

/** The record values a sweep lists: this deployment's, and with an id the legacy `owned` it claims. */
function listedValues(config: NormalizedConfig): string[] {
  const ours = recordTagValue(config.deploymentId);
  return ours === RECORD_TAG_VALUE ? [ours] : [ours, RECORD_TAG_VALUE];
}

function sortedRecord(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Each account's pipeline plans its own reads over the pairings that touch it: linear overall. */
function pairingsByAccount(
  config: NormalizedConfig,
  selection: readonly string[] | undefined,
): Map<string, NormalizedPairing[]> {
  const byAccount = new Map<string, NormalizedPairing[]>();
  for (const p of selectPairings(config, selection)) {
    for (const id of new Set(p.sides.map((s) => s.accountId))) {
      const list = byAccount.get(id);
      if (list) list.push(p);
      else byAccount.set(id, [p]);
    }
  }
  return byAccount;
}

/**
 * Busiest accounts first: the hub's own AssumeRole rate decides when each account may start, so
 * the ones with the most calls to make (sides to read, groups to write) start earliest and the
 * last to start have little to do (longest-processing-time-first). A declared account no pairing
 * uses any more is still listed when the record is: its last pairing's rules there are pruned
 * (keep the account declared until a sweep has run).
 */
function accountsInOrder(run: ReadRun): AccountRead[] {
  const sidesIn = (accountId: string) =>
    (run.byAccount.get(accountId) ?? []).reduce(
      (n, p) => n + p.sides.filter((s) => s.accountId === accountId).length,
      0,
    );
  const sides = new Map(run.first.accounts.map((a) => [a.accountId, sidesIn(a.accountId)]));
  const busiestFirst = [...run.first.accounts].sort(
    (a, b) => sides.get(b.accountId)! - sides.get(a.accountId)! || (a.accountId < b.accountId ? -1 : 1),
  );
  if (run.record && run.deps.listUnusedAccounts) busiestFirst.push(...unusedAccounts(run.config));
  return busiestFirst;
}

const mineOf =
  (accountId: string) =>
  <T extends { accountId: string }>(xs: readonly T[]) =>
    xs.filter((x) => x.accountId === accountId);

/** One account's pipeline: its sides (and the record's listing), then its groups with their types. */
async function readAccount(run: ReadRun, account: AccountRead): Promise<void> {
  const { reads, record } = run;
  const mine = mineOf(account.accountId);
  const ecs = await run.deps.ecsFor(account);
  const listing = record?.list(ecs, account.accountId, reads.call);
  // the owned prefix lists are read beside everything else (awaited with the groups: one round less)
  const lists = run.lists.wantedIn(account.accountId) ? run.lists.read(ecs, account.accountId, reads.call) : undefined;
  lists?.catch(() => undefined); // awaited below; an earlier failure must not leave it unhandled
  await Promise.all([
    listing,
    reads.readInstances(ecs, mine(run.first.instances)),
    ...mine(run.first.memberships).map((target) => reads.listMembers(ecs, target)),
  ]);
  // An instance or tag side's receiving group is in its own account: this account's reads suffice.
  const scoped: NormalizedConfig = { ...run.config, pairings: run.byAccount.get(account.accountId) ?? [] };
  const known = { instances: reads.instances, memberInstances: reads.memberInstances };
  const targets = mine(requiredReads(scoped, undefined, known, undefined, run.listOnly).groups);
  const needed = groupsNeedingType(scoped, undefined, known);
  const targeted = new Set(targets.map((t) => t.key));
  const recorded = (await listing)?.filter((r) => !targeted.has(r.key)) ?? [];
  const typesRead = reads.lookUpTypes(
    ecs,
    account.accountId,
    targets.filter((g) => needed.has(g.key)),
  );
  await Promise.all([
    lists,
    typesRead,
    readVpcs(run, account),
    ...targets.map((g) => reads.readGroup(ecs, g, typesRead)),
    ...recorded.map((g) => record?.read(g, () => reads.readGroup(ecs, g, typesRead))),
  ]);
  const seen = { groups: reads.groups, recordValues: { ...record?.state().recordValues } };
  Object.assign(run.legacyValues, await readLegacyHolders(ecs, account.accountId, run.config, seen, reads.call));
  const groups = Object.entries(reads.groups).filter(([k]) => k.startsWith(`${account.accountId}/`));
  if (
    run.lists.neededAfter(
      account.accountId,
      groups.map(([, g]) => g),
    )
  )
    await run.lists.list(ecs, account.accountId, reads.call);
}

/** auto pairings that fall back to addresses: their sending group sides' members, listed now that every group is known */
async function listLaterMemberships(run: ReadRun): Promise<void> {
  const { reads, config, selection } = run;
  const strategies = chooseStrategies(config, reads.state(), run.deps.limits ?? defaultPlanLimits, selection);
  const failed = new Set(reads.failures.map((f) => f.accountId));
  const known = { instances: reads.instances, memberInstances: reads.memberInstances };
  const later = requiredReads(config, selection, known, strategies, run.listOnly).memberships.filter(
    (m) => reads.memberInstances[m.key] === undefined && !failed.has(m.accountId),
  );
  const listLater = async (account: AccountRead, targets: MembershipTarget[]): Promise<void> => {
    const ecs = await run.deps.ecsFor(account);
    await Promise.all(targets.map((target) => reads.listMembers(ecs, target)));
    await readVpcs(run, account);
  };
  const accounts = run.first.accounts.filter((a) => later.some((m) => m.accountId === a.accountId));
  await reads.forEachAccount(accounts, (account) => listLater(account, mineOf(account.accountId)(later)));
}

/** The VPCs of the account's instances and members read so far (members' addresses must lie in them). */
async function readVpcs(run: ReadRun, account: AccountRead): Promise<void> {
  await run.reads.readVpcs(await run.deps.vpcFor(account), account.accountId);
}

function logRead({ deps, first, reads }: ReadRun): void {
  deps.log.debug('read', {
    accounts: first.accounts.length,
    instances: Object.keys(reads.instances).length,
    memberships: Object.keys(reads.memberInstances).length,
    groups: Object.keys(reads.groups).length,
    vpcs: Object.keys(reads.vpcs).length,
    failedAccounts: reads.failures.length,
  });
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
