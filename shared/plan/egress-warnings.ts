import type { NormalizedPairing, PairingSide } from '../config';
import {
  factKey,
  familiesOf,
  flowsOf,
  isMember,
  memberKey,
  trafficOf,
  type InstanceFacts,
  type IpFamily,
} from '../rules';
import type { ActualState } from './actual-state';
import { evaluateEgress, type EgressEnd } from './evaluate-egress';
import type { PlanWarning } from './plan-schema';

/** The plan's warning for a pairing whose sender cannot send (egress: check, the default). */
export const EGRESS_BLOCKED = 'EgressBlocked';

/**
 * Pure: an `EgressBlocked` warning per direction and address family whose sender's egress rules (or
 * its enterprise group's default) refuse the pairing's traffic, naming the sender, the family (for a
 * pairing that uses IPv6) and the deciding rule. Over IPv6 the receiver's address is its first IPv6
 * address, and only Ipv6DestCidrIp rules, group rules and ICMPv6 match (evaluateEgress). It reads
 * no more than the plan already read: an instance is judged by every group of it, a group side by
 * its own group; a sender with a group the plan did not read (a group that receives nothing in
 * this deployment) is not judged here (`explain` reads every group of both ends).
 */
export function egressWarnings(pairing: NormalizedPairing, actual: ActualState): PlanWarning[] {
  const traffic = trafficOf(pairing.protocol, pairing.ports);
  const families = familiesOf(pairing);
  const tagged = families.ipv6; // an IPv4-only pairing's messages stay as they were
  const out: PlanWarning[] = [];
  for (const family of [...(families.ipv4 ? ['ipv4' as const] : []), ...(families.ipv6 ? ['ipv6' as const] : [])]) {
    for (const flow of flowsOf(pairing)) {
      const receiver = endsOf(flow.receiver, actual, family)[0];
      if (receiver === undefined) continue;
      for (const sender of endsOf(flow.source, actual, family)) {
        const e = evaluateEgress(traffic, sender.end, receiver.end, actual.groups, family);
        if (e.verdict !== 'Blocked') continue;
        const over = tagged ? ` over ${family === 'ipv6' ? 'IPv6' : 'IPv4'}` : '';
        out.push({
          code: EGRESS_BLOCKED,
          message: `${sender.name} cannot send to ${receiver.name}${over}: ${e.message} (set egress: manage on the pairing to add the egress rule, or change the sender's egress rules)`,
          accountId: flow.source.accountId,
          ...(e.rule === undefined ? {} : { groupId: e.rule.groupId }),
          ...(e.rule?.ruleId === undefined ? {} : { ruleId: e.rule.ruleId }),
        });
        break; // one warning per direction and family: the first sender (by instance id) speaks for its side
      }
    }
  }
  return out;
}

interface NamedEnd {
  readonly name: string;
  readonly end: EgressEnd;
}

/** The instances that stand for a side (sorted), or its group when no member is known; their address in `family`. */
function endsOf(side: PairingSide, actual: ActualState, family: IpFamily): NamedEnd[] {
  const asEnd = (i: InstanceFacts): NamedEnd => {
    const ip = family === 'ipv6' ? i.ipv6Addresses?.[0] : i.privateIp;
    return {
      name: `instance ${i.instanceId}`,
      end: { accountId: i.accountId, groupIds: i.securityGroupIds, vpcId: i.vpcId, ...(ip ? { ip } : {}) },
    };
  };
  if (side.kind === 'instance') {
    const instance = actual.instances[factKey(side.accountId, side.instanceId)];
    return instance === undefined || !isMember(instance) ? [] : [asEnd(instance)];
  }
  const members = [...(actual.memberInstances?.[memberKey(side)] ?? [])]
    .filter(isMember)
    .sort((a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0));
  if (members.length > 0) return members.map(asEnd);
  if (side.kind !== 'group') return [];
  const group = actual.groups[factKey(side.accountId, side.securityGroupId)];
  const name = `security group ${side.securityGroupId}`;
  return [
    {
      name,
      end: { accountId: side.accountId, groupIds: [side.securityGroupId], ...(group ? { vpcId: group.vpcId } : {}) },
    },
  ];
}
