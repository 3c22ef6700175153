import type { ChangeResult } from '../apply/apply-group-changes';
import type { Plan } from '../plan';

/** The one report shape every face returns: the CLI prints it, HTTP returns it, functions log it. */
export type ReportStatus = 'InSync' | 'Changed' | 'Pending' | 'Blocked' | 'Failed';

export interface PairingReport {
  name: string;
  status: ReportStatus;
  reason?: string;
  message?: string;
  retryable?: boolean;
  counts: { toAdd: number; added: number; failed: number };
}

export interface RunReport {
  version: 1;
  runId: string;
  deployment: string;
  mode: 'plan' | 'apply';
  /** true when nothing failed or is blocked */
  ok: boolean;
  pairings: PairingReport[];
  changes: Omit<ChangeResult, 'rule'>[];
  counts: { pairings: number; inSync: number; changed: number; pending: number; blocked: number; failed: number; rulesAdded: number; rulesFailed: number };
  plan: Plan;
}

/** Pure: folds the plan and the write results into the report. */
export function buildReport(runId: string, mode: 'plan' | 'apply', plan: Plan, changes: ChangeResult[]): RunReport {
  const byPairing = new Map<string, ChangeResult[]>();
  for (const c of changes) byPairing.set(c.pairing, [...(byPairing.get(c.pairing) ?? []), c]);
  const pairings = plan.pairings.map((p): PairingReport => {
    const mine = byPairing.get(p.name) ?? [];
    const failed = mine.filter((c) => c.status === 'failed');
    const added = mine.length - failed.length;
    const counts = { toAdd: p.rulesToAdd, added, failed: failed.length };
    const detail = { ...(p.reason ? { reason: p.reason } : {}), ...(p.message ? { message: p.message } : {}), ...(p.retryable !== undefined ? { retryable: p.retryable } : {}) };
    if (p.status === 'Blocked' || p.status === 'Failed') return { name: p.name, status: p.status, ...detail, counts };
    if (failed.length > 0) {
      return { name: p.name, status: 'Failed', reason: failed[0].code, message: failed[0].message, retryable: failed.every((c) => c.retryable === true), counts };
    }
    if (p.status === 'InSync') return { name: p.name, status: 'InSync', counts };
    return { name: p.name, status: mode === 'apply' ? 'Changed' : 'Pending', counts };
  });
  const count = (s: ReportStatus) => pairings.filter((p) => p.status === s).length;
  return {
    version: 1,
    runId,
    deployment: plan.deployment,
    mode,
    ok: pairings.every((p) => p.status !== 'Failed' && p.status !== 'Blocked'),
    pairings,
    changes: changes.map(({ rule: _rule, ...rest }) => rest),
    counts: {
      pairings: pairings.length,
      inSync: count('InSync'),
      changed: count('Changed'),
      pending: count('Pending'),
      blocked: count('Blocked'),
      failed: count('Failed'),
      rulesAdded: changes.filter((c) => c.status === 'applied' && c.action === 'add').length,
      rulesFailed: changes.filter((c) => c.status === 'failed').length,
    },
    plan,
  };
}
