import type { RulePeer } from '../rules';
import type { Plan, PlanPairing } from './plan-schema';

export interface FormatPlanOptions {
  /** ANSI colors (green additions, red blocked/failed, yellow warnings) */
  readonly color: boolean;
}

const ansi = { green: 32, red: 31, yellow: 33, dim: 2, bold: 1 } as const;
type Paint = (style: keyof typeof ansi, text: string) => string;

/** A human-readable view of a plan: the additions per account and group, then one line per pairing. */
export function formatPlan(plan: Plan, options: FormatPlanOptions): string {
  const paint: Paint = (style, text) => (options.color ? `\u001b[${ansi[style]}m${text}\u001b[0m` : text);
  const { counts } = plan;
  const lines = [
    paint('bold', `Plan for deployment "${plan.deployment}" (${plan.region}): ${counts.rulesToAdd} rule(s) to add in ${counts.groupsToChange} group(s)`),
    `Pairings: ${counts.inSync} in sync, ${counts.changes} with changes, ${counts.blocked} blocked, ${counts.failed} failed`,
    '',
    ...formatAdditions(plan, paint),
    'Pairings',
    ...formatPairingTable(plan.pairings, paint),
  ];
  return `${lines.join('\n')}\n`;
}

function formatAdditions(plan: Plan, paint: Paint): string[] {
  if (plan.groups.length === 0) return ['No rules to add.', ''];
  const rows = plan.groups.flatMap((g) =>
    g.add.map(({ rule, pairing }) => [rule.protocol, rule.ports, `from ${describePeer(rule.peer)}`, `priority ${rule.priority}`, pairing]),
  );
  const widths = columnWidths(rows);
  let row = 0;
  return plan.groups.flatMap((g) => [
    `account ${g.accountId}  group ${g.groupId}  (${g.region})`,
    ...g.add.map(() => paint('green', `  + ${pad(rows[row++] ?? [], widths)}`)),
    '',
  ]);
}

function formatPairingTable(pairings: readonly PlanPairing[], paint: Paint): string[] {
  if (pairings.length === 0) return ['  (no pairings)'];
  const rows = pairings.map((p) => [p.name, p.status, pairingDetail(p)]);
  const widths = columnWidths(rows);
  return pairings.flatMap((p, i) => {
    const style = p.status === 'Blocked' || p.status === 'Failed' ? 'red' : p.status === 'Changes' ? 'green' : 'dim';
    return [
      paint(style, `  ${pad(rows[i] ?? [], widths)}`),
      ...p.warnings.map((w) => paint('yellow', `      warning ${w.code}: ${w.message}`)),
    ];
  });
}

function pairingDetail(p: PlanPairing): string {
  switch (p.status) {
    case 'InSync':
      return `${p.rulesPresent} rule(s) present`;
    case 'Changes':
      return `${p.rulesToAdd} rule(s) to add, ${p.rulesPresent} present`;
    default:
      return `${p.reason ?? ''}: ${p.message ?? ''}${p.retryable === true ? ' (will retry)' : ''}`;
  }
}

export function describePeer(peer: RulePeer): string {
  switch (peer.kind) {
    case 'cidr':
    case 'ipv6-cidr':
      return peer.cidr;
    case 'group':
      return `${peer.groupId} (account ${peer.ownerId})`;
    case 'prefix-list':
      return `prefix list ${peer.prefixListId}`;
  }
}

function columnWidths(rows: readonly string[][]): number[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return widths;
}

/** Pads every column but the last to its width, two spaces apart. */
function pad(row: readonly string[], widths: readonly number[]): string {
  return row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
}
