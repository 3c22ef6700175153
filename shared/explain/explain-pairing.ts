import type { NormalizedConfig, NormalizedPairing } from '../config';
import { evaluateEgress, selectPairings } from '../plan';
import { evaluateIngress, ruleRef } from './evaluate-ingress';
import { isAllowed } from './explanation-verdict';
import { networkPrerequisites } from './network-prerequisites';
import type { DirectionExplanation, EgressExplanation, Endpoint, PairingExplanation } from './pairing-explanation';
import { resolveSideEndpoint, type ExplainState, type SideResolution } from './side-endpoint';
import { trafficLabel, trafficOf } from './traffic';

/**
 * Why a pairing's traffic does or does not get through, per direction, from state already read
 * (pure: no I/O). `actual` is what the explain read gives (every group of each end, and a member
 * of group and tag sides); a plan's ActualState works too, with Unknown where it lacks a group.
 * An unknown pairing name throws UsageError 'UnknownPairing'.
 */
export function explainPairing(
  config: NormalizedConfig,
  pairing: NormalizedPairing | string,
  actual: ExplainState,
): PairingExplanation {
  const p = typeof pairing === 'string' ? selectPairings(config, [pairing])[0] : pairing;
  const sides: [SideResolution, SideResolution] = [
    resolveSideEndpoint(p.sides[0], 0, p.region, actual),
    resolveSideEndpoint(p.sides[1], 1, p.region, actual),
  ];
  const flows: [0 | 1, 0 | 1][] =
    p.direction === 'both'
      ? [
          [0, 1],
          [1, 0],
        ]
      : [[0, 1]];
  const directions = flows.map(([from, to]) => explainDirection(p, sides[from], sides[to], actual));
  const prerequisites = networkPrerequisites(p.region, sides);
  return {
    version: 1,
    pairing: p.name,
    region: p.region,
    traffic: trafficLabel(p.protocol, p.ports),
    directions,
    prerequisites,
    allowed: isAllowed(directions, prerequisites),
  };
}

function explainDirection(
  p: NormalizedPairing,
  from: SideResolution,
  to: SideResolution,
  actual: ExplainState,
): DirectionExplanation {
  const base = {
    from: from.endpoint,
    to: to.endpoint,
    traffic: trafficLabel(p.protocol, p.ports),
    evaluatedGroups: to.endpoint.groupIds,
  };
  const problem = [from, to].find((s) => !s.ok);
  if (problem && !problem.ok)
    return { ...base, verdict: 'Unknown', reason: 'EndpointUnknown', message: problem.problem, notes: [] };
  const evaluation = evaluateIngress(trafficOf(p.protocol, p.ports), from.endpoint, to.endpoint, actual.groups);
  const sideNotes = [from, to].flatMap((s) => (s.ok ? s.notes : []));
  const egress = explainEgress(p, from.endpoint, to.endpoint, actual);
  const stopped = evaluation.verdict === 'Allowed' && egress.verdict === 'Blocked';
  return {
    ...base,
    verdict: stopped ? 'Blocked' : evaluation.verdict,
    reason: stopped ? (egress.reason as 'EgressDropRule' | 'EgressDefaultDeny') : evaluation.reason,
    message: stopped ? `${evaluation.message}; but ${egress.message}` : evaluation.message,
    ...(stopped && egress.rule ? { rule: egress.rule } : evaluation.rule ? { rule: evaluation.rule } : {}),
    ...(evaluation.sharedGroupId ? { sharedGroupId: evaluation.sharedGroupId } : {}),
    notes: [...sideNotes, ...evaluation.notes],
    egress,
  };
}

/** The sender's egress, evaluated over every group of the sending instance (see evaluateEgress). */
function explainEgress(p: NormalizedPairing, from: Endpoint, to: Endpoint, actual: ExplainState): EgressExplanation {
  const e = evaluateEgress(trafficOf(p.protocol, p.ports), from, to, actual.groups);
  return {
    verdict: e.verdict,
    reason: e.reason,
    message: e.message,
    ...(e.rule ? { rule: ruleRef(e.rule) } : {}),
    evaluatedGroups: e.evaluatedGroups,
  };
}
