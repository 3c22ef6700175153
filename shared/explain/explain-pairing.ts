import type { NormalizedConfig, NormalizedPairing } from '../config';
import { evaluateEgress, selectPairings } from '../plan';
import { familiesOf, type IpFamily } from '../rules';
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
  const directions = familiesExplained(p).flatMap((family) =>
    flows.map(([from, to]) => explainDirection(p, inFamily(sides[from], family), inFamily(sides[to], family), actual)),
  );
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

/** An IPv4-only pairing: its one family, untagged (the output of before ipVersion); else each family asked for. */
function familiesExplained(p: NormalizedPairing): (IpFamily | undefined)[] {
  const families = familiesOf(p);
  if (!families.ipv6) return [undefined];
  return [...(families.ipv4 ? (['ipv4'] as const) : []), 'ipv6'];
}

interface FamilySide {
  readonly family: IpFamily | undefined;
  readonly side: SideResolution;
}

/**
 * A side's resolution in one family: over IPv6 its endpoint's `ip` is the instance's first IPv6
 * address (none: no `ip`, noted), so the evaluation matches it against IPv6 rules.
 */
function inFamily(side: SideResolution, family: IpFamily | undefined): FamilySide {
  if (family !== 'ipv6' || !side.ok || side.instance === undefined) return { family, side };
  const { ip: _ipv4, ...endpoint } = side.endpoint;
  const ipv6 = side.instance.ipv6Addresses?.[0];
  if (ipv6 !== undefined) return { family, side: { ...side, endpoint: { ...endpoint, ip: ipv6 } } };
  const note = `instance ${side.instance.instanceId} has no IPv6 address: assign it one (AssignIpv6Addresses) or set ipVersion ipv4`;
  return { family, side: { ...side, endpoint, notes: [...side.notes, note] } };
}

/** What an IPv6 direction let in by no rule lacks: the rule of that family the pairing writes. */
const IPV6_RULE_NOTE = (p: NormalizedPairing, from: Endpoint): string =>
  `over IPv6 only Ipv6SourceCidrIp rules and group references match${p.protocol === 'icmp' || p.protocol === 'all' ? ', and ICMP needs an ICMPv6 rule' : ''}: the pairing's IPv6 rule (${from.ip === undefined ? 'Ipv6SourceCidrIp' : `Ipv6SourceCidrIp ${from.ip}/128`}, or a group reference) is missing; \`sg-pairing apply\` writes it`;

function explainDirection(
  p: NormalizedPairing,
  { family, side: from }: FamilySide,
  { side: to }: FamilySide,
  actual: ExplainState,
): DirectionExplanation {
  const base = {
    ...(family === undefined ? {} : { family }),
    from: from.endpoint,
    to: to.endpoint,
    traffic: trafficLabel(p.protocol, p.ports),
    evaluatedGroups: to.endpoint.groupIds,
  };
  const problem = [from, to].find((s) => !s.ok);
  if (problem && !problem.ok)
    return { ...base, verdict: 'Unknown', reason: 'EndpointUnknown', message: problem.problem, notes: [] };
  const traffic = trafficOf(p.protocol, p.ports);
  const evaluation = evaluateIngress(traffic, from.endpoint, to.endpoint, actual.groups, family ?? 'ipv4');
  const sideNotes = [from, to].flatMap((s) => (s.ok ? s.notes : []));
  if (family === 'ipv6' && evaluation.reason === 'NoMatchingRule') sideNotes.push(IPV6_RULE_NOTE(p, from.endpoint));
  const egress = explainEgress(p, from.endpoint, to.endpoint, actual, family ?? 'ipv4');
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
function explainEgress(
  p: NormalizedPairing,
  from: Endpoint,
  to: Endpoint,
  actual: ExplainState,
  family: IpFamily,
): EgressExplanation {
  const e = evaluateEgress(trafficOf(p.protocol, p.ports), from, to, actual.groups, family);
  return {
    verdict: e.verdict,
    reason: e.reason,
    message: e.message,
    ...(e.rule ? { rule: ruleRef(e.rule) } : {}),
    evaluatedGroups: e.evaluatedGroups,
  };
}
