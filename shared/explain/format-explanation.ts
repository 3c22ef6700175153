import { verdictHeadline } from './explanation-verdict';
import type { DirectionExplanation, Endpoint, PairingExplanation, Prerequisite } from './pairing-explanation';

const mark: Record<string, string> = { Allowed: 'allowed', Blocked: 'BLOCKED', Unknown: 'unknown' };
const familyName = { ipv4: 'IPv4', ipv6: 'IPv6' } as const;
const statusMark: Record<Prerequisite['status'], string> = {
  ok: 'ok',
  warning: 'warning',
  failed: 'FAILED',
  unknown: 'unknown',
};

/** The human form: one paragraph per direction, then the network prerequisites. */
export function formatExplanation(e: PairingExplanation): string {
  const lines = [`Pairing "${e.pairing}" (${e.region}), traffic ${e.traffic}: ${verdictHeadline(e)}`];
  for (const d of e.directions) lines.push('', ...formatDirection(d));
  lines.push('', 'Network prerequisites (no security group provides these):');
  for (const p of e.prerequisites) lines.push(`  [${statusMark[p.status]}] ${p.code}: ${p.message}`);
  return `${lines.join('\n')}\n`;
}

export function formatDirection(d: DirectionExplanation): string[] {
  const lines = [
    `${d.family === undefined ? '' : `${familyName[d.family]}: `}${endpointLabel(d.from)} -> ${endpointLabel(d.to)}: ${mark[d.verdict]} (${d.reason})`,
    `  ${d.message}`,
  ];
  if (d.rule) {
    const r = d.rule;
    lines.push(
      `  rule ${r.ruleId ?? '(no id)'} in ${r.groupId} (account ${r.accountId}): ${r.policy} ${r.protocol} ${r.ports} from ${r.source}, priority ${r.priority}${r.description ? `, "${r.description}"` : ''}`,
    );
  }
  if (d.evaluatedGroups.length > 0) lines.push(`  receiving groups evaluated: ${d.evaluatedGroups.join(', ')}`);
  if (d.egress) {
    lines.push(`  egress: ${mark[d.egress.verdict]} (${d.egress.reason}): ${d.egress.message}`);
    if (d.egress.evaluatedGroups.length > 0)
      lines.push(`  sending groups evaluated: ${d.egress.evaluatedGroups.join(', ')}`);
  }
  for (const n of d.notes) lines.push(`  note: ${n}`);
  return lines;
}

export function endpointLabel(e: Endpoint): string {
  const who = e.instanceId
    ? `${e.instanceId}${e.ip ? ` (${e.ip})` : ''}`
    : e.groupIds.length > 0
      ? `group ${e.groupIds.join(', ')}`
      : `account ${e.accountId}`;
  return `${e.side === 0 ? 'first' : 'second'} side ${who}`;
}
