import type { NormalizedConfig } from '../config';
import { resolveFleet } from '../directory';
import { SgPairingError, toSgPairingError } from '../errors';
import {
  instanceDigest,
  membersDigest,
  readSavedPlan,
  rulesDigest,
  type ActualGroup,
  type GroupBasis,
  type InstanceBasis,
  type MembersBasis,
  type PlanBasis,
  type SavedPlan,
} from '../plan';
import { factKey } from '../rules';
import { FactReads } from './fact-reads';
import { applyPlanned, runContext, type ReconcileDeps, type ReconcileOptions, type RunContext } from './reconcile';
import type { RunReport } from './run-report';

/**
 * `apply FILE`: exactly the saved plan, while its basis holds. The file is checked first (readSavedPlan:
 * JSON, version, its own digest, the config's digest; SavedPlanInvalid, before any read). Then only
 * what the plan depends on is read again, through the one read module: the groups it writes to and
 * the member lists and instances its sides resolved through. If any digest differs, StalePlan names
 * each thing that moved and nothing is written; else the plan is applied as reconcile applies one.
 */
export async function applySavedPlan(
  config: NormalizedConfig,
  text: string,
  deps: ReconcileDeps,
  options: Pick<ReconcileOptions, 'runId' | 'retry' | 'concurrencyPerAccount'> & { file?: string } = {},
): Promise<RunReport> {
  const saved = readSavedPlan(text, config, options.file);
  // the plan may write in discovered accounts: the run reaches them as its plan did (fleet resolved again)
  const resolved = (await resolveFleet(config, { ...deps, retry: options.retry })).config;
  const run = runContext(resolved, deps, options);
  const moved = await movedBasis(resolved, saved, run);
  if (moved.length > 0) {
    run.log.warn('plan', { result: 'stale', moved });
    throw new SgPairingError(
      `the saved plan is stale: ${moved.join('; ')}. Nothing was written; plan again and review the new plan`,
      { code: 'StalePlan', retryable: false },
    );
  }
  return applyPlanned({ plan: saved.plan, run, taggedGroups: deps.taggedGroups });
}

/** The parts of the basis the plan depends on for its writes. */
function basisToCheck(saved: SavedPlan): PlanBasis {
  // a group whose legacy markers the plan rewrites is written too (deployment identity's migration)
  const written = new Set([
    ...saved.plan.groups
      .filter((g) => g.add.length > 0 || (g.revoke?.length ?? 0) > 0)
      .map((g) => factKey(g.accountId, g.groupId)),
    ...(saved.plan.record?.remark ?? []).map((r) => factKey(r.accountId, r.groupId)),
  ]);
  const { basis } = saved;
  return { ...basis, groups: basis.groups.filter((g) => written.has(factKey(g.accountId, g.groupId))) };
}

/** Reads the basis again, account by account (a failed read refuses the plan too), and names what differs. */
async function movedBasis(config: NormalizedConfig, saved: SavedPlan, run: RunContext): Promise<string[]> {
  const basis = basisToCheck(saved);
  if (saved.plan.refused !== undefined) return [];
  const reads = new FactReads(run.retry);
  const accounts = [...new Set([...basis.groups, ...basis.members, ...basis.instances].map((b) => b.accountId))];
  await Promise.all(
    accounts.sort().map(async (accountId) => {
      const mine = <T extends { accountId: string }>(xs: readonly T[]) => xs.filter((x) => x.accountId === accountId);
      try {
        const ecs = await run.access.ecsFor(accountId);
        await Promise.all([
          reads.readGroups(ecs, accountId, mine(basis.groups).map(groupTarget), () => false),
          ...mine(basis.members).map((m) => reads.listMembers(ecs, m)),
          reads.readInstances(ecs, mine(basis.instances).map(instanceTarget)),
        ]);
      } catch (err) {
        throw toSgPairingError(err, { account: accountId });
      }
    }),
  );
  const alias = aliasOf(config);
  return [
    ...basis.groups
      .filter((g) => groupDigest(reads.groups[factKey(g.accountId, g.groupId)]) !== g.rules)
      .map((g) => `the rules of group ${g.groupId} in account ${alias(g.accountId)} changed`),
    ...basis.members
      .filter((m) => membersDigest(reads.memberInstances[m.key]) !== m.instances)
      .map((m) => `the members of ${sideName(m)} in account ${alias(m.accountId)} changed`),
    ...basis.instances
      .filter((i) => instanceDigest(reads.instances[i.key]) !== i.instance)
      .map((i) => `instance ${i.instanceId} in account ${alias(i.accountId)} changed`),
  ];
}

const groupDigest = (g: ActualGroup | undefined) => (g === undefined ? 'gone' : rulesDigest(g.rules));

const groupTarget = (g: GroupBasis) => ({
  key: factKey(g.accountId, g.groupId),
  accountId: g.accountId,
  id: g.groupId,
  region: g.region,
});
const instanceTarget = (i: InstanceBasis) => ({
  key: i.key,
  accountId: i.accountId,
  id: i.instanceId,
  region: i.region,
});

function sideName(m: MembersBasis): string {
  if (m.securityGroupId !== undefined) return `the side of group ${m.securityGroupId}`;
  const tags = Object.entries(m.tags ?? {}).map(([k, v]) => `${k}=${v}`);
  return `the side tagged ${tags.join(',')}`;
}

/** `<alias> (<id>)` for a declared account, else the id. */
function aliasOf(config: NormalizedConfig): (accountId: string) => string {
  const byId = new Map(Object.values(config.accounts).map((a) => [a.accountId, a.alias]));
  return (id) => (byId.has(id) ? `${byId.get(id)} (${id})` : id);
}
