import type { DirectionExplanation, PairingExplanation, Prerequisite } from './pairing-explanation';

/**
 * Allowed only when known: every direction let in AND every network prerequisite met. A warning
 * (two VPCs whose connection sg-pairing cannot see, the classic network) or an unknown is not an
 * allowance: the security groups may let the traffic in while nothing carries it there.
 */
export function isAllowed(
  directions: readonly DirectionExplanation[],
  prerequisites: readonly Prerequisite[],
): boolean {
  return directions.every((d) => d.verdict === 'Allowed') && prerequisites.every((p) => p.status === 'ok');
}

/** The verdict in a few words, naming the prerequisites that keep rules that allow it from being enough. */
export function verdictHeadline(e: PairingExplanation): string {
  if (e.allowed) return 'allowed in every direction';
  const rulesAllow = e.directions.every((d) => d.verdict === 'Allowed');
  const open = e.prerequisites.filter((p) => p.status !== 'ok').map((p) => p.code);
  if (rulesAllow && open.length > 0)
    return `NOT confirmed: the security groups allow every direction, but not every network prerequisite is met (${open.join(', ')})`;
  return 'NOT allowed everywhere';
}
