import type { ChangeResult } from '../apply/apply-group-changes';
import type { PrefixListResult } from '../apply/apply-prefix-lists';
import type { RecordOutcome } from '../apply/apply-record';
import { withWayOut } from '../apply/refusal-way-out';
import type { Plan, PlanWarning } from '../plan';
import { reportHeadline } from './report-headline';

/** The one report shape every face returns: the CLI prints it, HTTP returns it, functions log it. */
export type ReportStatus = 'InSync' | 'Changed' | 'Pending' | 'Blocked' | 'Failed' | 'Drift';

export interface PairingReport {
  name: string;
  status: ReportStatus;
  /** `audit`: planned and reported, never written (Drift when it differs from the desired state); absent: enforce */
  mode?: 'audit';
  reason?: string;
  message?: string;
  retryable?: boolean;
  /** failed counts adds and revokes that failed; buildReport always sets toRevoke and revoked */
  counts: { toAdd: number; added: number; failed: number; toRevoke?: number; revoked?: number };
}

export interface RunReport {
  version: 1;
  runId: string;
  deployment: string;
  mode: 'plan' | 'apply';
  /** the run's one line: pairings by state, rules written, what a change limit refused (reportHeadline); set by buildReport */
  headline?: string;
  /** true when nothing failed or is blocked (a refused plan blocks every pairing with changes) */
  ok: boolean;
  pairings: PairingReport[];
  changes: Omit<ChangeResult, 'rule'>[];
  /** buildReport always sets rulesRevoked */
  counts: {
    pairings: number;
    inSync: number;
    changed: number;
    pending: number;
    blocked: number;
    failed: number;
    /** audit pairings that differ from the desired state (absent when none) */
    drift?: number;
    rulesAdded: number;
    rulesRevoked?: number;
    rulesFailed: number;
  };
  /** the tag record (when the plan has one): groups tagged and untagged, `<account>/<group>`; its warnings never make `ok` false */
  record?: { key: string; tagged: string[]; untagged: string[]; warnings: PlanWarning[]; remarked?: string[] };
  /** a config with fleet sides or a resourceDirectory: what each fleet side expanded to, the accounts discovered, the warnings (a missing role, a refused listing) that never make `ok` false */
  directory?: {
    fleet: { pairing: string; accounts: string[] }[];
    discovered: string[];
    warnings: { code: string; account?: string; folderId?: string; pairing?: string; message: string }[];
  };
  /** the owned prefix lists written (strategy prefix-list); absent when none (see prefix-list-report.ts) */
  prefixLists?: PrefixListResult[];
  plan: Plan;
  /** what started the run; set when the run is recorded (SG_PAIRING_HISTORY, SG_PAIRING_EVENT_BUS) */
  trigger?: RunTrigger;
  /** when the run ended (ISO 8601); set when the run is recorded */
  finishedAt?: string;
  /** where the run went besides its face: the history object, the event; a failure there is a warning, never a failed run */
  delivery?: RunDelivery;
}

/** The faces a run starts from. */
export type RunTrigger = 'cli' | 'event' | 'timer' | 'worker' | 'http';

export interface RunDelivery {
  /** `oss://bucket/key` of the stored run */
  history?: string;
  /** the CloudEvent type published, e.g. sg-pairing:Run:Failed */
  event?: string;
  warnings: { code: string; message: string }[];
}

/**
 * Pure: folds the plan and the write results into the report. Revocations of pairings no longer
 * declared appear in `changes` and the counts only. A refused plan (maxChangesPerRunTotal) reports each
 * pairing with changes Blocked, reason MaxChangesExceeded, and nothing written. An audit pairing
 * is marked `mode: audit` and reported Drift (its would-be changes in `plan.audit`) or as planned. `record` is what
 * the tag and untag calls did (see apply-record.ts). A write the cloud refused for a quota or an
 * enterprise group names the way out, whatever the code (refusal-way-out.ts).
 */
export function buildReport(
  runId: string,
  mode: 'plan' | 'apply',
  plan: Plan,
  written: ChangeResult[],
  record?: RecordOutcome,
): RunReport {
  const changes = written.map(withWayOut);
  const byPairing = new Map<string, ChangeResult[]>();
  for (const c of changes) byPairing.set(c.pairing, [...(byPairing.get(c.pairing) ?? []), c]);
  const pairings = plan.pairings.map((p) => ({
    ...pairingReport(p, byPairing.get(p.name) ?? [], plan, mode),
    ...(p.mode === undefined ? {} : { mode: p.mode }),
  }));
  const report: RunReport = {
    version: 1,
    runId,
    deployment: plan.deployment,
    mode,
    ok:
      pairings.every((p) => p.status !== 'Failed' && p.status !== 'Blocked') &&
      changes.every((c) => c.status !== 'failed') &&
      plan.refused === undefined,
    pairings,
    changes: changes.map(({ rule: _rule, ...rest }) => rest),
    counts: runCounts(pairings, changes),
    ...recordReport(plan, record),
    plan,
  };
  return { ...report, headline: reportHeadline(report) };
}

type PlannedPairing = Plan['pairings'][number];

/** One pairing: as planned (blocked, failed, refused), or as its writes went. */
function pairingReport(
  p: PlannedPairing,
  mine: readonly ChangeResult[],
  plan: Plan,
  mode: 'plan' | 'apply',
): PairingReport {
  const failed = mine.filter((c) => c.status === 'failed');
  const applied = (action: ChangeResult['action']) =>
    mine.filter((c) => c.status === 'applied' && c.action === action).length;
  const counts = {
    toAdd: p.rulesToAdd,
    added: applied('add'),
    failed: failed.length,
    toRevoke: p.rulesToRevoke ?? 0,
    revoked: applied('revoke'),
  };
  const detail = {
    ...(p.reason ? { reason: p.reason } : {}),
    ...(p.message ? { message: p.message } : {}),
    ...(p.retryable !== undefined ? { retryable: p.retryable } : {}),
  };
  if (p.status === 'Blocked' || p.status === 'Failed') return { name: p.name, status: p.status, ...detail, counts };
  if (plan.refused !== undefined && p.status === 'Changes')
    return { name: p.name, status: 'Blocked', reason: plan.refused.reason, message: plan.refused.message, counts };
  if (failed.length > 0) {
    return {
      name: p.name,
      status: 'Failed',
      reason: failed[0].code,
      message: failed[0].message,
      retryable: failed.every((c) => c.retryable === true),
      counts,
    };
  }
  if (p.status === 'InSync' || p.status === 'Drift') return { name: p.name, status: p.status, counts };
  return { name: p.name, status: mode === 'apply' ? 'Changed' : 'Pending', counts };
}

function runCounts(pairings: readonly PairingReport[], changes: readonly ChangeResult[]): RunReport['counts'] {
  const count = (s: ReportStatus) => pairings.filter((p) => p.status === s).length;
  return {
    pairings: pairings.length,
    inSync: count('InSync'),
    changed: count('Changed'),
    pending: count('Pending'),
    blocked: count('Blocked'),
    failed: count('Failed'),
    ...(count('Drift') === 0 ? {} : { drift: count('Drift') }),
    rulesAdded: changes.filter((c) => c.status === 'applied' && c.action === 'add').length,
    rulesRevoked: changes.filter((c) => c.status === 'applied' && c.action === 'revoke').length,
    rulesFailed: changes.filter((c) => c.status === 'failed').length,
  };
}

/** The tag record's part, when the plan has a record. */
function recordReport(plan: Plan, record: RecordOutcome | undefined): Pick<RunReport, 'record'> {
  if (plan.record === undefined) return {};
  return {
    record: {
      key: plan.record.key,
      tagged: record?.tagged ?? [],
      untagged: record?.untagged ?? [],
      warnings: [...(plan.record.warnings ?? []), ...(record?.warnings ?? [])],
      ...(record?.remarked === undefined ? {} : { remarked: record.remarked }),
    },
  };
}
