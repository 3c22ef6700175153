import { formatDirectory } from './format-directory';
import type { RunReport } from '../shared/reconcile';

const colors: Record<string, number> = { InSync: 32, Changed: 32, Pending: 33, Blocked: 31, Failed: 31, Drift: 33 };

/** The human form of a run report: one line per pairing, then the failed changes with their codes. */
export function formatReport(report: RunReport, color: boolean): string {
  const paint = (status: string) => (color ? `\u001b[${colors[status] ?? 0}m${status}\u001b[0m` : status);
  const c = report.counts;
  const revoked = (c.rulesRevoked ?? 0) > 0 ? `, ${c.rulesRevoked} revoked` : '';
  const lines = [
    `Applied deployment "${report.deployment}" (run ${report.runId}): ${c.rulesAdded} rule(s) added${revoked}, ${c.rulesFailed} failed`,
  ];
  for (const p of report.pairings) {
    const why = p.reason ? ` ${p.reason}${p.message ? `: ${p.message}` : ''}` : '';
    const minus = (p.counts.revoked ?? 0) > 0 ? ` -${p.counts.revoked}` : '';
    const audit = p.mode === 'audit' ? `  (audit: ${auditCounts(p.counts)}, not written)` : '';
    lines.push(
      `  ${p.name.padEnd(24)} ${paint(p.status)}  +${p.counts.added}${minus}${p.counts.failed ? ` (${p.counts.failed} failed)` : ''}${why}${audit}`,
    );
  }
  const failed = report.changes.filter((x) => x.status === 'failed');
  if (failed.length > 0) {
    lines.push('Failed changes:');
    for (const f of failed) lines.push(`  ${f.accountId}/${f.groupId} [${f.pairing}] ${f.code}: ${f.message}`);
  }
  lines.push(...formatDirectory(report.directory));
  const record = report.record;
  if (record !== undefined && (record.untagged.length > 0 || record.warnings.length > 0)) {
    lines.push(`Record (tag ${record.key}):`);
    for (const g of record.untagged) lines.push(`  untagged ${g}`);
    for (const w of record.warnings) lines.push(`  warning ${w.code}: ${w.message}`);
  }
  return lines.join('\n');
}

/** What an audit pairing would write were it enforced. */
function auditCounts(counts: RunReport['pairings'][number]['counts']): string {
  return `would add ${counts.toAdd}, revoke ${counts.toRevoke ?? 0}`;
}
