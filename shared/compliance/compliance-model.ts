/**
 * The compliance view's one model: what `sg-pairing status`, `GET /status(.json)` and `sg-pairing graph`
 * render. A plain JSON value made by computeCompliance from a run report (a dry run's, or a stored one).
 */

/**
 * InSync: every desired rule present, nothing owned to revoke; Missing: rules to add; ExtraOwned: rules
 * this deployment owns to revoke (or that `prune: off` keeps); Blocked: a prerequisite or limit holds the
 * pairing (reason: RuleLimitExceeded, ReferenceLimitExceeded, DifferentVpcs, MaxChangesExceeded, ...);
 * Failed: its account could not be read or a write failed (reason: the code, e.g. AssumeRoleDenied);
 * NotEvaluated: not in the run's selection, the other side's account could not be read, or the group not read (GroupNotRead).
 */
export const complianceStates = ['InSync', 'Missing', 'ExtraOwned', 'Blocked', 'Failed', 'NotEvaluated'] as const;
export type ComplianceState = (typeof complianceStates)[number];

/** What started the evaluation. */
export const complianceTriggers = ['event', 'timer', 'http', 'cli'] as const;
export type ComplianceTrigger = (typeof complianceTriggers)[number];

/** One pairing × receiving side × account × receiving group. */
export interface ComplianceRow {
  pairing: string;
  /** 1: the first side of `between`, 2: the second; absent for a pairing no longer declared */
  side?: 1 | 2;
  /** e.g. "group sg-1", "instance i-1", "tags app=web" */
  sideLabel: string;
  accountId: string;
  /** the account's alias in the config ('' when not declared) */
  account: string;
  /** the receiving group; absent when not known (not read, or a side with no member) */
  groupId?: string;
  state: ComplianceState;
  /** CamelCase token, set unless InSync */
  reason?: string;
  message?: string;
  rulesToAdd: number;
  rulesToRevoke: number;
  /** audit pairings are reported, never written */
  mode?: 'audit';
}

/** One end of a pairing in the graph: a group (a group side, or a side naming its receiving group), else the side itself. */
export interface ComplianceEnd {
  /** `<accountId>/<groupId>`, `<accountId>/<instanceId>` or `<accountId>/tags:<k=v,...>` */
  node: string;
  label: string;
  accountId: string;
  account: string;
}

/** One declared pairing: its worst row's state, for the graph's edge. */
export interface CompliancePairing {
  name: string;
  state: ComplianceState;
  reason?: string;
  message?: string;
  direction: 'both' | 'first-to-second';
  ends: [ComplianceEnd, ComplianceEnd];
}

/** The rule room of a receiving group as read. */
export interface GroupRoom {
  accountId: string;
  account: string;
  groupId: string;
  rules: number;
  rulesLimit: number;
  rulesLeft: number;
  references: number;
  referencesLimit: number;
  referencesLeft: number;
}

export interface ComplianceModel {
  version: 1;
  deployment: string;
  region: string;
  evaluated: {
    /** ISO 8601 */
    at: string;
    by: ComplianceTrigger;
    runId: string;
    /** plan: a dry run (nothing written); apply: the state the run left */
    mode: 'plan' | 'apply';
  };
  summary: {
    pairings: number;
    rows: number;
    /** rows by state (every state present, 0 when none) */
    states: Record<ComplianceState, number>;
    /** pairings by their worst state */
    pairingStates: Record<ComplianceState, number>;
    /** set when the whole plan was refused (e.g. MaxChangesPerRunTotalExceeded) */
    refused?: string;
  };
  pairings: CompliancePairing[];
  rows: ComplianceRow[];
  groups: GroupRoom[];
}

/** Worst first: a pairing takes the state of its worst row. */
export const stateSeverity: readonly ComplianceState[] = [
  'Failed',
  'Blocked',
  'Missing',
  'ExtraOwned',
  'NotEvaluated',
  'InSync',
];
