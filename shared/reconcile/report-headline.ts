import { refusedSettings } from '../plan';
import type { RunReport } from './run-report';

/** The change-limit settings that refused something in this run (sorted, once each). */
export function refusedBy(report: Pick<RunReport, 'pairings' | 'plan'>): string[] {
  const blocked = report.pairings.filter((p) => p.status === 'Blocked').map((p) => p.reason);
  return refusedSettings(blocked, report.plan.refused?.reason);
}

/**
 * Pure: the one-line headline every face shows for a run: pairings counted by state (changed, in sync,
 * blocked, failed; pending and drifted when any), the rules written, and "refused: <setting>" when a
 * change limit refused something.
 */
export function reportHeadline(
  report: Pick<RunReport, 'deployment' | 'runId' | 'mode' | 'counts' | 'pairings' | 'plan'>,
): string {
  const c = report.counts;
  const states = [
    `${c.changed} changed`,
    ...(c.pending > 0 ? [`${c.pending} pending`] : []),
    `${c.inSync} in sync`,
    `${c.blocked} blocked`,
    `${c.failed} failed`,
    ...((c.drift ?? 0) > 0 ? [`${c.drift} drifted (audit)`] : []),
  ];
  const rules = `rules ${c.rulesAdded} added, ${c.rulesRevoked ?? 0} revoked, ${c.rulesFailed} failed`;
  const refused = refusedBy(report);
  const verb = report.mode === 'apply' ? 'Applied' : 'Planned';
  return `${verb} deployment "${report.deployment}" (run ${report.runId}): ${c.pairings} pairing(s): ${states.join(', ')}; ${rules}${refused.length > 0 ? `; refused: ${refused.join(', ')}` : ''}`;
}

/** Lines of identical text, with the keys (pairing names, groups) that share it. */
export interface LineGroup {
  readonly text: string;
  readonly keys: readonly string[];
}

/** Pure: [key, text] entries grouped by identical text, in the order of each text's first appearance. */
export function groupLines(entries: readonly (readonly [string, string])[]): LineGroup[] {
  const byText = new Map<string, string[]>();
  for (const [key, text] of entries) byText.set(text, [...(byText.get(text) ?? []), key]);
  return [...byText].map(([text, keys]) => ({ text, keys }));
}

/** The keys of a group as shown: the first `shown` of them, then how many more. */
export function namesOf(group: LineGroup, shown = 3): string {
  const { keys } = group;
  return keys.slice(0, shown).join(', ') + (keys.length > shown ? `, … (${keys.length - shown} more)` : '');
}

/** "  ×N" for a group of more than one line, else nothing. */
export function timesOf(group: LineGroup): string {
  return group.keys.length > 1 ? `  ×${group.keys.length}` : '';
}
