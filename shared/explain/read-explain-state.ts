import type { GroupAttributes, InstanceSummary } from '../cloud/port';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../cloud/retry';
import type { NormalizedPairing, PairingSide } from '../config';
import { toSgPairingError } from '../errors';
import type { AccountFailure, ActualGroup, ActualInstance } from '../plan';
import { canonicalizeRule, factKey, isMember, memberKey } from '../rules';
import type { CloudAccess } from './cloud-access';
import type { ExplainState } from './side-endpoint';

export interface ExplainReadDeps extends CloudAccess {
  retry?: RetryPolicy;
}

/** Codes of a group read that mean "not there for us": the diagnosis then says it could not read it. */
const UNREADABLE = /^(InvalidSecurityGroupId\.NotFound|Forbidden|NoPermission)/;

/**
 * The small read behind `explain` and `verify`, for one pairing: each instance side; the members of
 * each group or tag side (every page, the same listing the reconcile read uses), of which the first Running one by id stands for it;
 * then every security group of the receiving ends (an instance's rules are those of all its groups). An account that cannot be read becomes
 * an AccountFailure, as in the reconcile read.
 */
export async function readExplainState(pairing: NormalizedPairing, deps: ExplainReadDeps): Promise<ExplainState> {
  const retry = deps.retry ?? DEFAULT_RETRY;
  const call = <T>(fn: () => Promise<T>) => withRetry(fn, retry);
  const instances: Record<string, ActualInstance> = {};
  const groups: Record<string, ActualGroup> = {};
  const memberInstances: Record<string, ActualInstance[]> = {};
  const failures: AccountFailure[] = [];
  const receives = (index: number) => pairing.direction === 'both' || index === 1;
  const accounts = [...new Set(pairing.sides.map((s) => s.accountId))].sort();

  const readAccount = async (accountId: string): Promise<void> => {
    const mine = pairing.sides
      .map((side, index) => ({ side, index }))
      .filter(({ side }) => side.accountId === accountId);
    const ecs = await deps.ecsFor(accountId);
    const fact = (i: InstanceSummary): ActualInstance => ({
      accountId,
      instanceId: i.instanceId,
      status: i.status,
      privateIp: i.privateIp || undefined,
      vpcId: i.vpcId,
      securityGroupIds: i.securityGroupIds,
      regionId: pairing.region,
    });
    const ids = mine.flatMap(({ side }) => (side.kind === 'instance' ? [side.instanceId] : []));
    if (ids.length > 0)
      for (const i of await call(() => ecs.describeInstances(ids)))
        instances[factKey(accountId, i.instanceId)] = fact(i);
    const ends = new Map<number, ActualInstance | undefined>();
    for (const { side, index } of mine) {
      if (side.kind === 'instance') {
        ends.set(index, instances[factKey(accountId, side.instanceId)]);
        continue;
      }
      const listed = (await call(() => ecs.listInstances(filterOf(side)))).map(fact);
      memberInstances[memberKey(side)] = listed;
      ends.set(index, listed.filter(isMember).sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1))[0]);
    }
    const groupIds = new Set<string>();
    for (const { side, index } of mine) {
      if (side.kind === 'group') groupIds.add(side.securityGroupId);
      if (receives(index)) for (const id of ends.get(index)?.securityGroupIds ?? []) groupIds.add(id);
    }
    await Promise.all(
      [...groupIds].sort().map(async (groupId) => {
        const attributes = await call(() => readUnlessUnreadable(ecs, groupId));
        if (attributes) groups[factKey(accountId, groupId)] = toActualGroup(accountId, pairing.region, attributes);
      }),
    );
  };

  await Promise.all(
    accounts.map((accountId) =>
      readAccount(accountId).catch((err) => {
        const e = toSgPairingError(err, { account: accountId });
        failures.push({ accountId, code: e.code, message: e.message, retryable: e.retryable });
      }),
    ),
  );
  return {
    groups,
    instances,
    memberInstances,
    accountFailures: failures.sort((a, b) => (a.accountId < b.accountId ? -1 : 1)),
  };
}

/** A group side lists its group's instances; a tag side the account's instances carrying all its tags. */
function filterOf(side: Exclude<PairingSide, { kind: 'instance' }>) {
  return side.kind === 'group' ? { securityGroupId: side.securityGroupId } : { tags: side.tags };
}

async function readUnlessUnreadable(
  ecs: { readGroupAttributes(id: string): Promise<GroupAttributes> },
  groupId: string,
): Promise<GroupAttributes | undefined> {
  try {
    return await ecs.readGroupAttributes(groupId);
  } catch (err) {
    if (UNREADABLE.test(String((err as { code?: string }).code ?? ''))) return undefined;
    throw err;
  }
}

function toActualGroup(accountId: string, region: string, attributes: GroupAttributes): ActualGroup {
  const holder = { accountId, groupId: attributes.groupId };
  const ingress = attributes.permissions.filter((p) => p.Direction.toLowerCase() === 'ingress');
  return {
    accountId,
    groupId: attributes.groupId,
    vpcId: attributes.vpcId,
    type: 'normal',
    innerAccessPolicy: attributes.innerAccessPolicy,
    regionId: region,
    rules: ingress.map((p) => canonicalizeRule(p, holder)),
    ruleCount: attributes.permissions.length,
    referencedGroupCount: new Set(attributes.permissions.map((p) => p.SourceGroupId).filter((id) => id !== '')).size,
  };
}
