import { endpointLabel, formatDirection } from '../explain';
import type { VerifyReport } from './verify-report';

const colors: Record<string, number> = { Reachable: 32, Unreachable: 31, Unknown: 33, Skipped: 2 };

/** The human form: one line per direction, the probe and its outcome, explain's diagnosis when it did not get through. */
export function formatVerifyReport(r: VerifyReport, color: boolean): string {
  const paint = (status: string) => (color ? `\u001b[${colors[status] ?? 0}m${status}\u001b[0m` : status);
  const lines = [
    `Verify pairing "${r.pairing}" (${r.region}, traffic ${r.traffic}, run ${r.runId}): ${r.reachable ? 'reachable in every direction' : 'NOT reachable everywhere'}`,
  ];
  for (const d of r.directions) {
    const family = d.family === undefined ? '' : `${d.family === 'ipv6' ? 'IPv6' : 'IPv4'}: `;
    lines.push('', `${family}${endpointLabel(d.from)} -> ${endpointLabel(d.to)}: ${paint(d.status)} (${d.reason})`);
    if (d.probe)
      lines.push(
        `  probe: ${d.probe}${d.invokeId ? `  [invocation ${d.invokeId}${d.exitCode === undefined ? '' : `, exit ${d.exitCode}`}]` : ''}`,
      );
    lines.push(`  ${d.message}`);
    if (d.diagnosis) lines.push('  diagnosis:', ...formatDirection(d.diagnosis).map((l) => `    ${l}`));
  }
  const notable = r.prerequisites.filter((p) => p.status !== 'ok');
  if (notable.length > 0) {
    lines.push('', 'Network prerequisites:');
    for (const p of notable) lines.push(`  [${p.status}] ${p.code}: ${p.message}`);
  }
  return `${lines.join('\n')}\n`;
}
