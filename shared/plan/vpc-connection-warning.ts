import type { NormalizedPairing, PairingSide } from '../config';
import { factKey, isMember, memberKey, type RuleFacts } from '../rules';
import type { PlanWarning } from './plan-schema';

/**
 * Rules let traffic in; only the network carries it there. Sides in different VPCs reach each other
 * through CEN, VPC peering or a VPN gateway, which sg-pairing can neither see nor provide: the plan
 * says so (the same warning as explain's VpcConnectionNeeded) rather than promise traffic.
 */
export function vpcConnectionWarnings(pairing: NormalizedPairing, facts: RuleFacts): PlanWarning[] {
  const [first, second] = pairing.sides.map((side) => sideVpcs(side, facts));
  if (first === undefined || second === undefined) return [];
  if (!first.some((a) => second.some((b) => a !== b))) return [];
  return [{ code: 'VpcConnectionNeeded', message: vpcConnectionNeededMessage([...new Set([...first, ...second])]) }];
}

/** One wording for plan and explain. */
export function vpcConnectionNeededMessage(vpcIds: readonly string[]): string {
  const named = vpcIds.length < 2 ? vpcIds.join('') : `${vpcIds.slice(0, -1).join(', ')} and ${vpcIds.at(-1)}`;
  return `the sides are in different VPCs, ${named}: they reach each other only through CEN, VPC peering or a VPN gateway between them, which no security group rule provides (sg-pairing cannot see whether one exists); group references do not work across VPCs`;
}

/** The VPCs a side's instances are in, as read; undefined when unknown or on the classic network. */
function sideVpcs(side: PairingSide, facts: RuleFacts): string[] | undefined {
  const vpcIds =
    side.kind === 'group'
      ? [facts.groups[factKey(side.accountId, side.securityGroupId)]?.vpcId]
      : side.kind === 'instance'
        ? [facts.instances[factKey(side.accountId, side.instanceId)]?.vpcId]
        : (facts.memberInstances?.[memberKey(side)] ?? []).filter(isMember).map((i) => i.vpcId);
  const known = vpcIds.filter((v): v is string => v !== undefined && v !== '');
  return known.length === 0 || known.length < vpcIds.length ? undefined : [...new Set(known)].sort();
}
