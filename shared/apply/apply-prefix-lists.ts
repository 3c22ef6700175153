import type { EcsPort } from '../cloud/port';
import { withRetry, type RetryPolicy } from '../cloud/retry';
import { toSgPairingError } from '../errors';
import type { Logger } from '../log';
import type { PlanPrefixList } from '../plan';
import { pendingDescriptionOf, prefixListName, PREFIX_LIST_ENTRIES_PER_CALL, recordTagKey } from '../rules';
import type { GroupChanges, RuleChange } from './apply-group-changes';
import { chunk } from './chunk';
import { clientToken } from './client-token';

/** What one owned prefix list's write did. */
export interface PrefixListResult {
  accountId: string;
  description: string;
  /** the pairings sending through it (none for a deletion) */
  pairings: string[];
  action: 'create' | 'modify' | 'delete';
  prefixListId?: string;
  status: 'applied' | 'failed';
  code?: string;
  message?: string;
  retryable?: boolean;
}

export interface PrefixListDeps {
  ecsFor(accountId: string): Promise<EcsPort>;
  runId: string;
  retry: RetryPolicy;
  log: Logger;
  /** the deployment: its record tag marks the lists it creates */
  deployment: string;
  /** the record tag's value (owned, or owned:<id> with a declared deploymentId) */
  recordValue: string;
}

const keyOf = (accountId: string, description: string) => `${accountId}/${description}`;

/**
 * Creates the planned lists (tagged with the record tag, entries included) and brings the others to
 * their members (ModifyPrefixList, 200 additions and 200 removals a call), lists in parallel. Answers
 * the results and the id of each created list by `<account>/<description>`. Deletions wait for the
 * revocations (applyListDeletions).
 */
export async function applyListWrites(
  lists: readonly PlanPrefixList[],
  deps: PrefixListDeps,
): Promise<{ results: PrefixListResult[]; created: Map<string, string> }> {
  const created = new Map<string, string>();
  const results = await Promise.all(
    lists
      .filter((l) => l.delete !== true)
      .map(async (l): Promise<PrefixListResult> => {
        const action = l.prefixListId === undefined ? 'create' : 'modify';
        try {
          const ecs = await deps.ecsFor(l.accountId);
          const id = l.prefixListId ?? (await create(ecs, l, deps));
          if (l.prefixListId !== undefined) await modify(ecs, l.prefixListId, l, deps);
          if (l.prefixListId === undefined) created.set(keyOf(l.accountId, l.description), id);
          deps.log.info('prefixList', {
            result: 'applied',
            change: action,
            prefixListId: id,
            add: l.add.length,
            remove: l.remove.length,
          });
          return { ...resultBase(l, action), prefixListId: id, status: 'applied' };
        } catch (err) {
          return failed(l, action, err, deps.log);
        }
      }),
  );
  return { results, created };
}

async function create(ecs: EcsPort, l: PlanPrefixList, deps: PrefixListDeps): Promise<string> {
  const request = {
    name: prefixListName(l.description),
    description: l.description,
    addressFamily: l.addressFamily,
    maxEntries: l.maxEntries,
    entries: [...l.add],
    tag: { key: recordTagKey(deps.deployment), value: deps.recordValue },
  };
  const token = clientToken(deps.runId, 'CreatePrefixList', l.accountId, request);
  const out = await withRetry(() => ecs.createPrefixList(request, token), deps.retry);
  return out?.prefixListId ?? '';
}

/** One call when it fits (200 additions, 200 removals), else removals first (room for the additions), 200 a call. */
async function modify(ecs: EcsPort, id: string, l: PlanPrefixList, deps: PrefixListDeps): Promise<void> {
  const max = PREFIX_LIST_ENTRIES_PER_CALL;
  if (l.add.length <= max && l.remove.length <= max) return sendModify(ecs, id, l.add, l.remove, deps);
  for (const remove of chunk(l.remove, max)) await sendModify(ecs, id, [], remove, deps);
  for (const add of chunk(l.add, max)) await sendModify(ecs, id, add, [], deps);
}

/** A timed-out call may have landed: the entries are looked at before it is sent again. */
async function sendModify(ecs: EcsPort, id: string, add: string[], remove: string[], deps: PrefixListDeps) {
  await withRetry(
    () => ecs.modifyPrefixListEntries(id, add, remove),
    deps.retry,
    async () => {
      try {
        const now = new Set(await ecs.readPrefixListEntries(id));
        return add.every((c) => now.has(c)) && remove.every((c) => !now.has(c)) ? 'done' : 'retry';
      } catch {
        return 'retry';
      }
    },
  );
}

/** DeletePrefixList for the planned deletions, once the rules referencing them are revoked. */
export async function applyListDeletions(
  lists: readonly PlanPrefixList[],
  deps: PrefixListDeps,
): Promise<PrefixListResult[]> {
  return Promise.all(
    lists
      .filter((l) => l.delete === true && l.prefixListId !== undefined)
      .map(async (l): Promise<PrefixListResult> => {
        try {
          const ecs = await deps.ecsFor(l.accountId);
          await withRetry(() => ecs.deletePrefixList(l.prefixListId as string), deps.retry);
          deps.log.info('prefixList', { result: 'applied', change: 'delete', prefixListId: l.prefixListId });
          return { ...resultBase(l, 'delete'), prefixListId: l.prefixListId, status: 'applied' };
        } catch (err) {
          return failed(l, 'delete', err, deps.log);
        }
      }),
  );
}

/**
 * The plan's groups with each `pending:<description>` rule peer replaced by the created list's id.
 * A rule whose list was not created is left out (nothing is written that would reference nothing);
 * its list's failure is already reported.
 */
export function withCreatedIds(groups: readonly GroupChanges[], created: ReadonlyMap<string, string>): GroupChanges[] {
  return groups.map((g) => ({
    ...g,
    add: g.add.flatMap((c): RuleChange[] => {
      if (c.rule.peer.kind !== 'prefix-list') return [c];
      const pending = pendingDescriptionOf(c.rule.peer.prefixListId);
      if (pending === undefined) return [c];
      const id = created.get(keyOf(g.accountId, pending));
      return id === undefined || id === ''
        ? []
        : [{ ...c, rule: { ...c.rule, peer: { kind: 'prefix-list', prefixListId: id } } }];
    }),
  }));
}

function resultBase(l: PlanPrefixList, action: PrefixListResult['action']) {
  return { accountId: l.accountId, description: l.description, pairings: [...l.pairings], action };
}

function failed(l: PlanPrefixList, action: PrefixListResult['action'], err: unknown, log: Logger): PrefixListResult {
  const e = toSgPairingError(err, { account: l.accountId });
  log.warn('prefixList', {
    result: 'failed',
    change: action,
    code: e.code,
    message: e.message,
    prefixListId: l.prefixListId,
  });
  return {
    ...resultBase(l, action),
    ...(l.prefixListId === undefined ? {} : { prefixListId: l.prefixListId }),
    status: 'failed',
    code: e.code,
    message: e.message,
    retryable: e.retryable,
  };
}
