import { parsePorts } from '../config/ports';
import type { CanonicalRule, RulePeer } from './canonical-rule';
import { ipv4CidrsOverlap, parseIpv4Cidr } from '../net';

/**
 * Whether an existing drop rule would block (some of) the traffic a wanted accept rule lets in:
 * same group, priority equal or better (drop wins ties), and protocol, ports and peer overlap.
 * A drop by CIDR counts against a group peer only when it is 0.0.0.0/0 (membership is unknown).
 */
export function dropRuleBlocks(drop: CanonicalRule, wanted: CanonicalRule): boolean {
  return (
    drop.policy === 'drop' &&
    drop.unmatchable === undefined &&
    drop.accountId === wanted.accountId &&
    drop.groupId === wanted.groupId &&
    drop.priority <= wanted.priority &&
    protocolsOverlap(drop.protocol, wanted.protocol) &&
    portsOverlap(drop.ports, wanted.ports) &&
    peersOverlap(drop.peer, wanted.peer)
  );
}

function protocolsOverlap(a: string, b: string): boolean {
  return a === b || a === 'all' || b === 'all';
}

function portsOverlap(a: string, b: string): boolean {
  const ra = parsePorts(a);
  const rb = parsePorts(b);
  if (ra === undefined || rb === undefined) return false;
  if (ra.from === -1 || rb.from === -1) return true;
  return ra.from <= rb.to && rb.from <= ra.to;
}

function peersOverlap(drop: RulePeer, wanted: RulePeer): boolean {
  if (drop.kind === 'group')
    return wanted.kind === 'group' && drop.groupId === wanted.groupId && drop.ownerId === wanted.ownerId;
  if (drop.kind !== 'cidr') return false;
  const dropCidr = parseIpv4Cidr(drop.cidr);
  if (dropCidr === undefined) return false;
  if (wanted.kind === 'group') return dropCidr.prefix === 0;
  if (wanted.kind !== 'cidr') return false;
  const wantedCidr = parseIpv4Cidr(wanted.cidr);
  return wantedCidr !== undefined && ipv4CidrsOverlap(dropCidr, wantedCidr);
}
