import { parsePorts } from '../config/ports';

/**
 * Traffic as a set of segments, one per protocol and port interval, so "which part of the
 * pairing's traffic does this rule let in or drop" is interval arithmetic. ICMP and GRE have no
 * ports: their segment is the single point -1. ICMP is `icmp` in both address families: which
 * rules carry it in each is family-match.ts's (ruleTrafficIn).
 */
export type TrafficProtocol = 'tcp' | 'udp' | 'icmp' | 'gre';

export interface Segment {
  readonly protocol: TrafficProtocol;
  readonly from: number;
  readonly to: number;
}

export type Traffic = readonly Segment[];

const PORTED = new Set<string>(['tcp', 'udp']);
const EVERYTHING: Traffic = [
  { protocol: 'tcp', from: 1, to: 65535 },
  { protocol: 'udp', from: 1, to: 65535 },
  { protocol: 'icmp', from: -1, to: -1 },
  { protocol: 'gre', from: -1, to: -1 },
];

/**
 * What a protocol and port range (a pairing's, or a rule's) covers: `all` is every protocol on
 * every port; tcp/udp with `-1/-1` every port; a protocol this model does not carry covers nothing.
 */
export function trafficOf(protocol: string, ports: string): Traffic {
  const p = protocol.toLowerCase();
  if (p === 'all') return EVERYTHING;
  if (p === 'icmp' || p === 'gre') return [{ protocol: p, from: -1, to: -1 }];
  if (!PORTED.has(p)) return [];
  const range = parsePorts(ports);
  if (range === undefined) return [];
  if (range.from === -1) return [{ protocol: p as TrafficProtocol, from: 1, to: 65535 }];
  return [{ protocol: p as TrafficProtocol, from: Math.max(1, range.from), to: Math.min(65535, range.to) }];
}

export function intersect(a: Traffic, b: Traffic): Segment[] {
  const out: Segment[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.protocol !== y.protocol) continue;
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ protocol: x.protocol, from, to });
    }
  }
  return out;
}

/** `a` without the parts `b` covers. */
export function subtract(a: Traffic, b: Traffic): Segment[] {
  let rest: Segment[] = [...a];
  for (const y of b) {
    rest = rest.flatMap((x) => {
      if (x.protocol !== y.protocol || y.to < x.from || y.from > x.to) return [x];
      const left = x.from < y.from ? [{ ...x, to: y.from - 1 }] : [];
      const right = x.to > y.to ? [{ ...x, from: y.to + 1 }] : [];
      return [...left, ...right];
    });
  }
  return rest;
}

/** `tcp 22/22, udp, icmp`, or `all traffic`: a port range is shown unless it is every port. */
export function describeTraffic(traffic: Traffic): string {
  if (traffic.length === 0) return 'nothing';
  if (subtract(EVERYTHING, traffic).length === 0) return 'all traffic';
  return traffic
    .map((s) => (s.from === -1 || (s.from === 1 && s.to === 65535) ? s.protocol : `${s.protocol} ${s.from}/${s.to}`))
    .join(', ');
}

/** The pairing's traffic as a label: `all`, `icmp`, `tcp 5432/5432`. */
export function trafficLabel(protocol: string, ports: string): string {
  return protocol === 'all' || protocol === 'icmp' ? protocol : `${protocol} ${ports}`;
}
