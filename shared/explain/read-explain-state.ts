import { DEFAULT_RETRY, type RetryPolicy } from '../cloud/retry';
import type { NormalizedPairing, PairingSide } from '../config';
import type { ActualInstance, MembershipTarget, ReadTarget } from '../plan';
import { FactReads } from '../reconcile/fact-reads';
import { factKey, isMember, memberKey } from '../rules';
import type { CloudAccess } from './cloud-access';
import type { ExplainState } from './side-endpoint';

export interface ExplainReadDeps extends CloudAccess {
  retry?: RetryPolicy;
}

type Located = { side: PairingSide; index: number };

/**
 * The small read behind `explain` and `verify`, for one pairing, through the same reads as
 * reconcile's (FactReads: paced, retried, one meaning of gone and unreadable): each instance side;
 * the members of each group or tag side (every page), of which the first Running one by id stands
 * for it; then every security group of the receiving ends (an instance's rules are those of all its
 * groups), their types looked up beside their rules. An account that cannot be read becomes an
 * AccountFailure, as in the reconcile read.
 */
export async function readExplainState(pairing: NormalizedPairing, deps: ExplainReadDeps): Promise<ExplainState> {
  const reads = new FactReads(deps.retry ?? DEFAULT_RETRY, deps.groupTypes);
  const accounts = [...new Set(pairing.sides.map((s) => s.accountId))].sort().map((accountId) => ({ accountId }));
  await reads.forEachAccount(accounts, ({ accountId }) => readAccount(pairing, accountId, deps, reads));
  return reads.state();
}

async function readAccount(
  pairing: NormalizedPairing,
  accountId: string,
  deps: ExplainReadDeps,
  reads: FactReads,
): Promise<void> {
  const mine = pairing.sides.map((side, index) => ({ side, index })).filter(({ side }) => side.accountId === accountId);
  const ecs = await deps.ecsFor(accountId);
  const target = (id: string): ReadTarget => ({ key: factKey(accountId, id), accountId, id, region: pairing.region });
  await Promise.all([
    reads.readInstances(
      ecs,
      mine.flatMap(({ side }) => (side.kind === 'instance' ? [target(side.instanceId)] : [])),
    ),
    ...mine.flatMap(({ side }) =>
      side.kind === 'instance' ? [] : [reads.listMembers(ecs, membership(side, pairing))],
    ),
  ]);
  const groupIds = receivingGroupIds(mine, pairing, reads);
  await reads.readGroups(ecs, accountId, groupIds.map(target));
}

/** A group side lists its group's instances; a tag side the account's instances carrying all its tags. */
function membership(side: Exclude<PairingSide, { kind: 'instance' }>, pairing: NormalizedPairing): MembershipTarget {
  const at = { key: memberKey(side), accountId: side.accountId, region: pairing.region };
  return side.kind === 'group' ? { ...at, securityGroupId: side.securityGroupId } : { ...at, tags: side.tags };
}

/** A group side's own group, and every group of each receiving end (the instance standing for its side). */
function receivingGroupIds(mine: Located[], pairing: NormalizedPairing, reads: FactReads): string[] {
  const receives = (index: number) => pairing.direction === 'both' || index === 1;
  const groupIds = new Set<string>();
  for (const { side, index } of mine) {
    if (side.kind === 'group') groupIds.add(side.securityGroupId);
    if (receives(index)) for (const id of endOf(side, reads)?.securityGroupIds ?? []) groupIds.add(id);
  }
  return [...groupIds].sort();
}

function endOf(side: PairingSide, reads: FactReads): ActualInstance | undefined {
  if (side.kind === 'instance') return reads.instances[factKey(side.accountId, side.instanceId)];
  const listed = reads.memberInstances[memberKey(side)] ?? [];
  return listed.filter(isMember).sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1))[0];
}
