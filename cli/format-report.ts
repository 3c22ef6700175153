import { formatDirectory } from './format-directory';
import { groupLines, namesOf, reportHeadline, timesOf, type RunReport } from '../shared/reconcile';

const colors: Record<string, number> = { InSync: 32, Changed: 32, Pending: 33, Blocked: 31, Failed: 31, Drift: 33 };

/**
 * The human form of a run report: the headline (pairings by state, rules written, what a limit refused),
 * one line per pairing, then the failed changes with their codes; identical lines grouped ("×N").
 */
export function formatReport(report: RunReport, color: boolean): string {
  const paint = (status: string) => (color ? `\u001b[${colors[status] ?? 0}m${status}\u001b[0m` : status);
  const lines = [reportHeadline(report)];
  const pairingLines = report.pairings.map((p): [string, string] => {
    const why = p.reason ? ` ${p.reason}${p.message ? `: ${p.message}` : ''}` : '';
    const minus = (p.counts.revoked ?? 0) > 0 ? ` -${p.counts.revoked}` : '';
    const audit = p.mode === 'audit' ? `  (audit: ${auditCounts(p.counts)}, not written)` : '';
    const failed = p.counts.failed ? ` (${p.counts.failed} failed)` : '';
    return [p.name, `${paint(p.status)}  +${p.counts.added}${minus}${failed}${why}${audit}`];
  });
  for (const g of groupLines(pairingLines)) lines.push(`  ${namesOf(g).padEnd(24)} ${g.text}${timesOf(g)}`);
  const failed = report.changes.filter((x) => x.status === 'failed');
  if (failed.length > 0) {
    lines.push('Failed changes:');
    const entries = failed.map((f): [string, string] => [
      `${f.accountId}/${f.groupId} [${f.pairing}]`,
      `${f.code}: ${f.message}`,
    ]);
    for (const g of groupLines(entries)) lines.push(`  ${namesOf(g)} ${g.text}${timesOf(g)}`);
  }
  lines.push(...formatDirectory(report.directory));
  const record = report.record;
  if (record !== undefined && (record.untagged.length > 0 || record.warnings.length > 0)) {
    lines.push(`Record (tag ${record.key}):`);
    for (const g of record.untagged) lines.push(`  untagged ${g}`);
    for (const g of groupLines(record.warnings.map((w) => [w.code, w.message])))
      lines.push(`  warning ${g.keys[0]}: ${g.text}${timesOf(g)}`);
  }
  return lines.join('\n');
}

/** What an audit pairing would write were it enforced. */
function auditCounts(counts: RunReport['pairings'][number]['counts']): string {
  return `would add ${counts.toAdd}, revoke ${counts.toRevoke ?? 0}`;
}
