import type { RulePeer } from '../rules';
import { formatPrefixLists } from './format-prefix-lists';
import type { Plan, PlanAddition, PlanPairing } from './plan-schema';
import { refusedSettings } from './refused-settings';

export interface FormatPlanOptions {
  /** ANSI colors (green additions, red blocked/failed, yellow warnings) */
  readonly color: boolean;
}

const ansi = { green: 32, red: 31, yellow: 33, dim: 2, bold: 1 } as const;
type Paint = (style: keyof typeof ansi, text: string) => string;

/**
 * A human-readable view of a plan: the changes per account and group (`+` add, `-` revoke, and
 * `-` marked "prune off" for what would be revoked), the record's untags and warnings, then one
 * line per pairing with its strategy.
 */
export function formatPlan(plan: Plan, options: FormatPlanOptions): string {
  const paint: Paint = (style, text) => (options.color ? `\u001b[${ansi[style]}m${text}\u001b[0m` : text);
  const { counts } = plan;
  const revoking = (counts.rulesToRevoke ?? 0) > 0 ? `, ${counts.rulesToRevoke} to revoke` : '';
  const kept = (counts.rulesWouldRevoke ?? 0) > 0 ? ` (${counts.rulesWouldRevoke} more not revoked: prune off)` : '';
  const lines = [
    paint(
      'bold',
      `Plan for deployment "${plan.deployment}"${plan.deploymentId === undefined ? '' : ` (id ${plan.deploymentId})`} (${plan.region}): ${counts.rulesToAdd} rule(s) to add${revoking} in ${counts.groupsToChange} group(s)${kept}`,
    ),
    `Pairings: ${counts.inSync} in sync, ${counts.changes} with changes, ${counts.blocked} blocked, ${counts.failed} failed${(counts.drift ?? 0) > 0 ? `, ${counts.drift} drifted (audit: not written)` : ''}${refusedNote(plan)}`,
    ...(plan.refused === undefined ? [] : [paint('red', `Refused (${plan.refused.reason}): ${plan.refused.message}`)]),
    '',
    ...formatAdditions(plan.groups, paint, 'No rules to add.'),
    ...(plan.audit === undefined
      ? []
      : ['Audit (what the audit pairings would write; not written)', ...formatAdditions(plan.audit, paint, '')]),
    ...formatPrefixLists(plan, paint),
    ...formatRecord(plan, paint),
    'Pairings',
    ...formatPairingTable(plan.pairings, paint),
  ];
  return `${lines.join('\n')}\n`;
}

/** "; refused: maxChangesPerRun" when a change limit refused something in this plan. */
function refusedNote(plan: Plan): string {
  const blocked = plan.pairings.filter((p) => p.status === 'Blocked').map((p) => p.reason);
  const settings = refusedSettings(blocked, plan.refused?.reason);
  return settings.length > 0 ? `; refused: ${settings.join(', ')}` : '';
}

function formatAdditions(groups: Plan['groups'], paint: Paint, none: string): string[] {
  if (groups.length === 0) return [none, ''];
  const row = (rule: PlanAddition['rule'], pairing: string) => [
    rule.protocol,
    rule.ports,
    `from ${describePeer(rule.peer)}`,
    `priority ${rule.priority}`,
    pairing,
  ];
  const lines = groups.map((g) => ({
    g,
    add: g.add.map((a) => row(a.rule, a.pairing)),
    revoke: (g.revoke ?? []).map((r) => [...row(r.rule, r.pairing), r.reason]),
    kept: (g.wouldRevoke ?? []).map((r) => [...row(r.rule, r.pairing), `${r.reason}, prune off: not revoked`]),
  }));
  const widths = columnWidths(
    lines.flatMap((l) => [...l.add, ...l.revoke, ...l.kept].map((cells) => cells.slice(0, 5))),
  );
  const text = (cells: string[]) =>
    cells.length > 5 ? `${pad(cells.slice(0, 5), widths, true)}  (${cells[5]})` : pad(cells, widths);
  return lines.flatMap(({ g, add, revoke, kept }) => [
    `account ${g.accountId}  group ${g.groupId}  (${g.region})`,
    ...revoke.map((cells) => paint('red', `  - ${text(cells)}`)),
    ...add.map((cells) => paint('green', `  + ${text(cells)}`)),
    ...kept.map((cells) => paint('dim', `  - ${text(cells)}`)),
    '',
  ]);
}

/** The record's writes: its tags, its untags (sg-pairing forgets those groups), its migration's rewrites, and its warnings. */
function formatRecord(plan: Plan, paint: Paint): string[] {
  const record = plan.record;
  const remark = record?.remark ?? [];
  if (
    record === undefined ||
    (record.tag.length === 0 &&
      record.untag.length === 0 &&
      remark.length === 0 &&
      (record.warnings ?? []).length === 0)
  )
    return [];
  const value = record.value ?? 'owned';
  return [
    `Record (tag ${record.key}${record.value === undefined ? '' : `, value ${record.value}`})`,
    ...record.tag.map((g) => `  TagResources   account ${g.accountId}  group ${g.groupId}  (${record.key}=${value})`),
    ...record.untag.map(
      (g) =>
        `  UntagResources account ${g.accountId}  group ${g.groupId}  (no rule of this deployment left: forgotten)`,
    ),
    ...remark.map(
      (r) =>
        `  ~ account ${r.accountId}  group ${r.groupId}  rule ${r.ruleId}: ${r.from} -> ${r.to}  (kept, marked in place)`,
    ),
    ...(record.warnings ?? []).map((w) => paint('yellow', `  warning ${w.code}: ${w.message}`)),
    '',
  ];
}

/** One row per pairing; Blocked and Failed rows of identical detail grouped into one ("×N"). */
function formatPairingTable(pairings: readonly PlanPairing[], paint: Paint): string[] {
  if (pairings.length === 0) return ['  (no pairings)'];
  const groups = new Map<string, PlanPairing[]>();
  for (const p of pairings) {
    const detail = `${p.status}\u0000${pairingDetail(p)}\u0000${p.warnings.map((w) => w.message).join('\u0000')}`;
    const key = p.status === 'Blocked' || p.status === 'Failed' ? detail : `\u0001${p.name}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const rows = [...groups.values()].map((ps) => {
    const p = ps[0];
    const names =
      ps.length > 3
        ? `${ps
            .slice(0, 3)
            .map((x) => x.name)
            .join(', ')}, … (${ps.length - 3} more)`
        : ps.map((x) => x.name).join(', ');
    const times = ps.length > 1 ? `  ×${ps.length}` : '';
    return { p, cells: [names, p.mode === 'audit' ? `${p.status} (audit)` : p.status, pairingDetail(p) + times] };
  });
  const widths = columnWidths(rows.map((r) => r.cells));
  return rows.flatMap(({ p, cells }) => [
    paint(pairingStyle(p), `  ${pad(cells, widths)}`),
    ...p.warnings.map((w) => paint('yellow', `      warning ${w.code}: ${w.message}`)),
  ]);
}

function pairingStyle(p: PlanPairing): keyof typeof ansi {
  if (p.status === 'Blocked' || p.status === 'Failed') return 'red';
  return p.status === 'Changes' ? 'green' : p.status === 'Drift' ? 'yellow' : 'dim';
}

function pairingDetail(p: PlanPairing): string {
  const revoke = (p.rulesToRevoke ?? 0) > 0 ? `, ${p.rulesToRevoke} to revoke` : '';
  const kept = (p.rulesWouldRevoke ?? 0) > 0 ? `, ${p.rulesWouldRevoke} not revoked (prune off)` : '';
  const strategy = p.strategy === undefined ? '' : `  [${p.strategy.chosen}: ${p.strategy.reason}]`;
  switch (p.status) {
    case 'InSync':
      return `${p.rulesPresent} rule(s) present${kept}${strategy}`;
    case 'Changes':
    case 'Drift':
      return `${p.rulesToAdd} rule(s) to add, ${p.rulesPresent} present${revoke}${kept}${strategy}`;
    default:
      return `${p.reason ?? ''}: ${p.message ?? ''}${p.retryable === true ? ' (retryable: run it again later)' : ''}`;
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

/** Pads every column but the last (or every column, `all`) to its width, two spaces apart. */
function pad(row: readonly string[], widths: readonly number[], all = false): string {
  return row.map((cell, i) => (i === row.length - 1 && !all ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
}
