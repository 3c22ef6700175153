import type { NormalizedConfig } from '../config';
import type { PairingReport, RunReport } from '../reconcile';
import type { ComplianceRow } from './compliance-model';

/** One pairing's changes in one group, as planned, and the first failed write there. */
export interface GroupChange {
  accountId: string;
  groupId: string;
  /** rules to add */
  add: number;
  /** owned rules to revoke */
  revoke: number;
  /** owned rules no longer desired that `prune: off` keeps */
  kept: number;
  /** why the first of them goes (PairingRemoved, SourceGone, NoLongerDesired) */
  revokeReason?: string;
  failed?: { code: string; message: string };
}

/** A pairing's changes by `<account>/<group>`. */
export type GroupChanges = Map<string, GroupChange>;

type RowState = Pick<ComplianceRow, 'state' | 'reason' | 'message' | 'rulesToAdd' | 'rulesToRevoke'>;

export interface RowContext {
  report: RunReport;
  /** the pairing's line in the report; absent when the run did not select it */
  reported?: PairingReport;
  changes?: GroupChanges;
}

/**
 * A row's state. Not in the report, or its group not read (an event run of a prefix-list pairing that
 * read only the sending side: PlanPairing.groupsNotRead): NotEvaluated. Its account unread: Failed with the code (the other
 * side's rows NotEvaluated). Blocked (a prerequisite, a quota, a change limit, a refused plan): Blocked
 * with the reason. A failed write in its group: Failed. Else by the group's changes: after an apply
 * only what was not written remains (audit pairings, rules `prune: off` keeps); in a dry run, rules to
 * add make it Missing, owned rules to revoke ExtraOwned, nothing InSync.
 */
export function rowState(row: ComplianceRow, context: RowContext): RowState {
  const { report, reported } = context;
  if (reported === undefined)
    return { ...zero, state: 'NotEvaluated', reason: 'NotSelected', message: "not in this run's selection" };
  const planned = report.plan.pairings.find((p) => p.name === row.pairing);
  if (planned?.status === 'Failed') return unreadState(row, report, reported);
  if (reported.status === 'Blocked') return { ...zero, state: 'Blocked', ...detail(reported) };
  if (planned?.groupsNotRead !== undefined)
    return {
      ...zero,
      state: 'NotEvaluated',
      reason: 'GroupNotRead',
      message: 'an event run read only the sending side and its prefix list; the next full run reads this group',
    };
  const change = row.groupId === undefined ? undefined : context.changes?.get(`${row.accountId}/${row.groupId}`);
  if (change?.failed !== undefined)
    return { ...zero, state: 'Failed', reason: change.failed.code, message: change.failed.message };
  if (change === undefined) return { ...zero, state: 'InSync' };
  const written = report.mode === 'apply' && row.mode !== 'audit';
  return stateOfChange(change, written);
}

const zero = { rulesToAdd: 0, rulesToRevoke: 0 };

function detail(p: PairingReport): Pick<ComplianceRow, 'reason' | 'message'> {
  return {
    ...(p.reason === undefined ? {} : { reason: p.reason }),
    ...(p.message === undefined ? {} : { message: p.message }),
  };
}

/** A pairing Failed because an account could not be read: that account's rows Failed, the other side's not evaluated. */
function unreadState(row: ComplianceRow, report: RunReport, reported: PairingReport): RowState {
  const failed = report.plan.receiving?.failedAccounts;
  if (failed === undefined || failed.some((f) => f.accountId === row.accountId))
    return { ...zero, state: 'Failed', ...detail(reported) };
  return {
    ...zero,
    state: 'NotEvaluated',
    reason: 'OtherAccountFailed',
    message: `the other side's account could not be read: ${reported.message ?? reported.reason ?? 'failed'}`,
  };
}

function stateOfChange(change: GroupChange, written: boolean): RowState {
  const toAdd = written ? 0 : change.add;
  const toRevoke = (written ? 0 : change.revoke) + change.kept;
  const counts = { rulesToAdd: toAdd, rulesToRevoke: toRevoke };
  if (toAdd > 0) return { ...counts, state: 'Missing', reason: 'RulesMissing', message: `${toAdd} rule(s) to add` };
  if (toRevoke > 0) {
    const how = change.kept > 0 && (written || change.revoke === 0) ? 'kept by prune: off' : 'to revoke';
    return {
      ...counts,
      state: 'ExtraOwned',
      reason: change.revokeReason ?? 'NoLongerDesired',
      message: `${toRevoke} owned rule(s) ${how}`,
    };
  }
  return { ...counts, state: 'InSync' };
}

/** Owned rules of pairings no longer declared, one row per group: ExtraOwned while any remain. */
export function removedPairingRows(
  config: NormalizedConfig,
  changes: ReadonlyMap<string, GroupChanges>,
  alias: (id: string) => string,
  written: boolean,
): ComplianceRow[] {
  const declared = new Set(config.pairings.map((p) => p.name));
  const rows: ComplianceRow[] = [];
  for (const [pairing, groups] of [...changes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (declared.has(pairing)) continue;
    for (const change of groups.values()) {
      const base = {
        pairing,
        sideLabel: 'no longer declared',
        accountId: change.accountId,
        account: alias(change.accountId),
        groupId: change.groupId,
      };
      const state = change.failed
        ? { ...zero, state: 'Failed' as const, reason: change.failed.code, message: change.failed.message }
        : stateOfChange(change, written);
      rows.push({ ...base, ...state });
    }
  }
  return rows;
}
