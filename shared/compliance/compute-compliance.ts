import type { NormalizedConfig, NormalizedPairing, PairingSide } from '../config';
import type { Plan, PlanGroup } from '../plan';
import type { RunReport } from '../reconcile';
import { factKey, flowsOf } from '../rules';
import {
  complianceStates,
  stateSeverity,
  type ComplianceEnd,
  type ComplianceModel,
  type CompliancePairing,
  type ComplianceRow,
  type ComplianceState,
  type ComplianceTrigger,
  type GroupRoom,
} from './compliance-model';
import { removedPairingRows, rowState, type GroupChange, type GroupChanges } from './row-state';

export interface ComplianceInputs {
  config: NormalizedConfig;
  /** a run's report: a dry run's (status), or one stored after any run */
  report: RunReport;
  /** when the report was made */
  at: Date | string;
  by: ComplianceTrigger;
}

/**
 * The compliance model of a run report. Pure: no read, no write; a stored report gives the same
 * model as the dry run that made it. Rows come from the config's pairings and where the plan found
 * them receiving (`plan.receiving`; the config's group when the plan has none), by pairing name;
 * states from the report (see rowState).
 */
export function computeCompliance(inputs: ComplianceInputs): ComplianceModel {
  const { config, report } = inputs;
  const plan = report.plan;
  const alias = aliasOf(config);
  const reported = new Map(report.pairings.map((p) => [p.name, p]));
  const changes = changesByPairing(plan, report);
  const rows: ComplianceRow[] = [];
  const pairings: CompliancePairing[] = [];
  for (const pairing of [...config.pairings].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const mine = pairingRows(pairing, plan, alias).map((row) => ({
      ...row,
      ...rowState(row, { report, reported: reported.get(pairing.name), changes: changes.get(pairing.name) }),
    }));
    rows.push(...mine);
    pairings.push(pairingOf(pairing, mine, alias));
  }
  rows.push(...removedPairingRows(config, changes, alias, report.mode === 'apply'));
  const at = typeof inputs.at === 'string' ? inputs.at : inputs.at.toISOString();
  return {
    version: 1,
    deployment: plan.deployment,
    region: plan.region,
    evaluated: { at, by: inputs.by, runId: report.runId, mode: report.mode },
    summary: {
      pairings: pairings.length,
      rows: rows.length,
      states: countStates(rows),
      pairingStates: countStates(pairings),
      ...(plan.refused === undefined ? {} : { refused: plan.refused.reason }),
    },
    pairings,
    rows,
    groups: groupRooms(plan, alias),
  };
}

/** The pairing's receiving sides × groups, unstated (state filled by rowState). */
function pairingRows(pairing: NormalizedPairing, plan: Plan, alias: (id: string) => string): ComplianceRow[] {
  const receivers = new Set(flowsOf(pairing).map((f) => f.receiver));
  const found = (plan.receiving?.sides ?? []).filter((s) => s.pairing === pairing.name);
  return pairing.sides.flatMap((side, index) => {
    if (!receivers.has(side)) return [];
    const read = found.filter((s) => s.side === index).map((s) => s.groupId);
    const groups = read.length > 0 ? read : [configuredGroup(side)];
    return groups.map((groupId): ComplianceRow => ({
      pairing: pairing.name,
      side: index === 0 ? 1 : 2,
      sideLabel: sideLabel(side),
      accountId: side.accountId,
      account: alias(side.accountId),
      ...(groupId === undefined ? {} : { groupId }),
      state: 'NotEvaluated',
      rulesToAdd: 0,
      rulesToRevoke: 0,
      ...(pairing.mode === undefined ? {} : { mode: pairing.mode }),
    }));
  });
}

/** The receiving group the config names: a group side's group, or the group an instance or tag side names. */
function configuredGroup(side: PairingSide): string | undefined {
  return side.securityGroupId;
}

export function sideLabel(side: PairingSide): string {
  if (side.kind === 'group') return `group ${side.securityGroupId}`;
  if (side.kind === 'instance') return `instance ${side.instanceId}`;
  const tags = Object.entries(side.tags).map(([k, v]) => `${k}=${v}`);
  return `tags ${tags.join(',')}`;
}

/** One end of the graph: the side's group when it names one, else the side itself. */
function endOf(side: PairingSide, alias: (id: string) => string): ComplianceEnd {
  const at = { accountId: side.accountId, account: alias(side.accountId) };
  if (side.securityGroupId !== undefined)
    return { node: factKey(side.accountId, side.securityGroupId), label: side.securityGroupId, ...at };
  if (side.kind === 'instance')
    return { node: factKey(side.accountId, side.instanceId), label: side.instanceId, ...at };
  const label = sideLabel(side);
  return { node: `${side.accountId}/${label.replace(' ', ':')}`, label, ...at };
}

function pairingOf(
  pairing: NormalizedPairing,
  rows: readonly ComplianceRow[],
  alias: (id: string) => string,
): CompliancePairing {
  const worst = stateSeverity.find((s) => rows.some((r) => r.state === s)) ?? 'NotEvaluated';
  const row = rows.find((r) => r.state === worst);
  return {
    name: pairing.name,
    state: worst,
    ...(row?.reason === undefined ? {} : { reason: row.reason }),
    ...(row?.message === undefined ? {} : { message: row.message }),
    direction: pairing.direction,
    ends: [endOf(pairing.sides[0], alias), endOf(pairing.sides[1], alias)],
  };
}

/** Each pairing's planned additions and revocations (audit ones included) and failed writes, by group. */
function changesByPairing(plan: Plan, report: RunReport): Map<string, GroupChanges> {
  const byPairing = new Map<string, GroupChanges>();
  const entry = (pairing: string, accountId: string, groupId: string) => {
    const mine: GroupChanges = byPairing.get(pairing) ?? new Map();
    byPairing.set(pairing, mine);
    const key = factKey(accountId, groupId);
    const counts: GroupChange = mine.get(key) ?? { accountId, groupId, add: 0, revoke: 0, kept: 0 };
    mine.set(key, counts);
    return counts;
  };
  const groups: PlanGroup[] = [...plan.groups, ...(plan.audit ?? [])];
  for (const g of groups) {
    for (const a of g.add) entry(a.pairing, g.accountId, g.groupId).add++;
    for (const r of g.revoke ?? []) {
      const counts = entry(r.pairing, g.accountId, g.groupId);
      counts.revoke++;
      counts.revokeReason ??= r.reason;
    }
    for (const r of g.wouldRevoke ?? []) {
      const counts = entry(r.pairing, g.accountId, g.groupId);
      counts.kept++;
      counts.revokeReason ??= r.reason;
    }
  }
  for (const c of report.changes.filter((x) => x.status === 'failed')) {
    const counts = entry(c.pairing, c.accountId, c.groupId);
    counts.failed ??= { code: c.code ?? 'Failed', message: c.message ?? 'the write failed' };
  }
  return byPairing;
}

function groupRooms(plan: Plan, alias: (id: string) => string): GroupRoom[] {
  const receiving = plan.receiving;
  if (receiving === undefined) return [];
  return receiving.groups.map((g) => ({
    accountId: g.accountId,
    account: alias(g.accountId),
    groupId: g.groupId,
    rules: g.rules,
    rulesLimit: receiving.rulesPerGroup,
    rulesLeft: Math.max(0, receiving.rulesPerGroup - g.rules),
    references: g.references,
    referencesLimit: receiving.referencedGroupsPerGroup,
    referencesLeft: Math.max(0, receiving.referencedGroupsPerGroup - g.references),
  }));
}

function countStates(xs: readonly { state: ComplianceState }[]): Record<ComplianceState, number> {
  return Object.fromEntries(complianceStates.map((s) => [s, xs.filter((x) => x.state === s).length])) as Record<
    ComplianceState,
    number
  >;
}

export function aliasOf(config: NormalizedConfig): (accountId: string) => string {
  const byId = new Map(Object.values(config.accounts).map((a) => [a.accountId, a.alias]));
  return (id) => byId.get(id) ?? '';
}
