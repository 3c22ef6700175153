import type { ComplianceModel, ComplianceRow } from './compliance-model';
import { complianceStates } from './compliance-model';

/** The one-line summary every rendering starts with. */
export function complianceSummary(model: ComplianceModel): string {
  const counts = complianceStates
    .filter((s) => model.summary.states[s] > 0)
    .map((s) => `${model.summary.states[s]} ${s}`)
    .join(', ');
  const refused = model.summary.refused === undefined ? '' : `; refused: ${model.summary.refused}`;
  const { at, by, runId } = model.evaluated;
  return `${model.deployment}: ${model.summary.pairings} pairing(s), ${model.summary.rows} row(s): ${counts || 'nothing to show'}${refused} (evaluated ${at} by ${by}, run ${runId})`;
}

const COLUMNS = ['pairing', 'side', 'account', 'group', 'state', 'add', 'revoke', 'reason'] as const;

function cells(row: ComplianceRow): string[] {
  return [
    row.pairing + (row.mode === 'audit' ? ' (audit)' : ''),
    row.side === undefined ? row.sideLabel : `${row.side}: ${row.sideLabel}`,
    row.account === '' ? row.accountId : `${row.account} (${row.accountId})`,
    row.groupId ?? '-',
    row.state,
    String(row.rulesToAdd),
    String(row.rulesToRevoke),
    [row.reason, row.message].filter((x) => x !== undefined).join(': '),
  ];
}

/** A plain-text table: the summary, the rows, then the room left in each receiving group. */
export function formatComplianceTable(model: ComplianceModel): string {
  const table = alignColumns([[...COLUMNS], ...model.rows.map(cells)]);
  const rooms = alignColumns([
    ['group', 'account', 'rules', 'left', 'references', 'left'],
    ...model.groups.map((g) => [
      g.groupId,
      g.account === '' ? g.accountId : `${g.account} (${g.accountId})`,
      `${g.rules}/${g.rulesLimit}`,
      String(g.rulesLeft),
      `${g.references}/${g.referencesLimit}`,
      String(g.referencesLeft),
    ]),
  ]);
  const parts = [complianceSummary(model), '', ...table];
  if (model.groups.length > 0) parts.push('', 'Room left in the receiving groups:', ...rooms);
  return parts.join('\n') + '\n';
}

function alignColumns(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** RFC 4180 CSV of the rows (header first), CRLF line ends; a cell starting with = + - @ is quoted with a leading '. */
export function formatComplianceCsv(model: ComplianceModel): string {
  const header = [
    'pairing',
    'side',
    'side_label',
    'account',
    'account_id',
    'group',
    'state',
    'rules_to_add',
    'rules_to_revoke',
    'reason',
    'message',
    'mode',
  ];
  const lines = [
    header,
    ...model.rows.map((r) => [
      r.pairing,
      r.side === undefined ? '' : String(r.side),
      r.sideLabel,
      r.account,
      r.accountId,
      r.groupId ?? '',
      r.state,
      String(r.rulesToAdd),
      String(r.rulesToRevoke),
      r.reason ?? '',
      r.message ?? '',
      r.mode ?? '',
    ]),
  ];
  return lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
