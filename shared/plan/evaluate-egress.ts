import {
  addressPeerMatches,
  factKey,
  inEvaluationOrder,
  ruleTrafficIn,
  type CanonicalRule,
  type IpFamily,
} from '../rules';
import { describeTraffic, intersect, subtract, type Segment, type Traffic } from '../rules';
import type { ActualGroup, ActualState } from './actual-state';
import { describePeer } from './format-plan';

/** One end of a flow as the egress check sees it: its account, every group of the instance, its address. */
export interface EgressEnd {
  readonly accountId: string;
  readonly groupIds: readonly string[];
  readonly ip?: string;
  readonly vpcId?: string;
}

export type EgressReason =
  /** accept egress rules let all of it out */
  | 'EgressAcceptRule'
  /** no egress rule decides, and a basic group lets everything out by default */
  | 'EgressDefaultAccept'
  /** a drop egress rule matches first (by priority; drop wins at equal priority) */
  | 'EgressDropRule'
  /** no egress rule lets (some of) it out, and an enterprise group refuses outbound traffic by default */
  | 'EgressDefaultDeny'
  /** a group of the sending instance was not read */
  | 'EgressGroupNotRead';

export interface EgressEvaluation {
  readonly verdict: 'Allowed' | 'Blocked' | 'Unknown';
  readonly reason: EgressReason;
  readonly message: string;
  /** the deciding rule: the drop that blocks, or the accept that completes the allowance */
  readonly rule?: CanonicalRule;
  /** the sending groups whose egress rules were merged */
  readonly evaluatedGroups: readonly string[];
}

/**
 * Pure: whether `traffic` may leave `sender` for `receiver`, read from the egress rules of every
 * group of the sending instance, merged like ingress (priority 1 first, drop wins at equal
 * priority: AuthorizeSecurityGroupEgress,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroupegress).
 * What no rule decides follows the groups' default (Security group rules,
 * https://www.alibabacloud.com/help/en/ecs/user-guide/security-group-rules): a basic group lets all
 * outbound traffic out; an enterprise (advanced) group refuses it. A destination matches a CIDR
 * rule when the receiver's address is inside it (0.0.0.0/0 always), a group rule when the receiver
 * is in that group of that owner. `family`: the traffic's address family (the receiver's address
 * in it; an IPv6 destination matches Ipv6DestCidrIp rules, its ICMP ICMPv6 rules).
 */
export function evaluateEgress(
  traffic: Traffic,
  sender: EgressEnd,
  receiver: EgressEnd,
  groups: ActualState['groups'],
  family: IpFamily = 'ipv4',
): EgressEvaluation {
  const evaluatedGroups = sender.groupIds;
  const read = sender.groupIds
    .map((id) => groups[factKey(sender.accountId, id)])
    .filter((g): g is ActualGroup => g !== undefined);
  if (read.length < sender.groupIds.length) {
    const missing = sender.groupIds.filter((id) => groups[factKey(sender.accountId, id)] === undefined);
    return {
      verdict: 'Unknown',
      reason: 'EgressGroupNotRead',
      message: `security group(s) ${missing.join(', ')} of the sending end were not read, so its egress is unknown`,
      evaluatedGroups,
    };
  }
  const candidates = read
    .flatMap((g) => (g.egressRules ?? []).map((rule) => ({ rule, group: g })))
    .filter(({ rule, group }) => rule.unmatchable === undefined && destinationMatches(rule, group, receiver, family))
    .map(({ rule }) => ({ rule, covers: intersect(traffic, ruleTrafficIn(rule.protocol, rule.ports, family)) }))
    .filter((c) => c.covers.length > 0)
    .sort(inEvaluationOrder);
  let remaining: Segment[] = [...traffic];
  for (const c of candidates) {
    const hit = intersect(remaining, c.covers);
    if (hit.length === 0) continue;
    if (c.rule.policy === 'drop') {
      const message = `${describeTraffic(hit)} may not leave: egress rule ${ruleName(c.rule)} in ${c.rule.groupId} drops it (priority ${c.rule.priority}, to ${describePeer(c.rule.peer)})`;
      return { verdict: 'Blocked', reason: 'EgressDropRule', message, rule: c.rule, evaluatedGroups };
    }
    remaining = subtract(remaining, c.covers);
    if (remaining.length === 0) {
      const message = `let out by egress rule ${ruleName(c.rule)} in ${c.rule.groupId} (priority ${c.rule.priority}, to ${describePeer(c.rule.peer)})`;
      return { verdict: 'Allowed', reason: 'EgressAcceptRule', message, rule: c.rule, evaluatedGroups };
    }
  }
  const enterprise = read.find((g) => g.type === 'enterprise');
  if (enterprise === undefined)
    return {
      verdict: 'Allowed',
      reason: 'EgressDefaultAccept',
      message: `no egress rule of ${sender.groupIds.join(', ')} stops it: basic groups let outbound traffic out by default`,
      evaluatedGroups,
    };
  return {
    verdict: 'Blocked',
    reason: 'EgressDefaultDeny',
    message: `${describeTraffic(remaining)} is let out by no egress rule of ${sender.groupIds.join(', ')}, and ${enterprise.groupId} is an enterprise group, which refuses outbound traffic by default`,
    evaluatedGroups,
  };
}

function destinationMatches(rule: CanonicalRule, group: ActualGroup, receiver: EgressEnd, family: IpFamily): boolean {
  const peer = rule.peer;
  if (peer.kind !== 'group') return addressPeerMatches(peer, receiver.ip, family) === 'yes';
  if (peer.ownerId !== receiver.accountId || !receiver.groupIds.includes(peer.groupId)) return false;
  return receiver.vpcId === undefined || receiver.vpcId === group.vpcId;
}

function ruleName(rule: CanonicalRule): string {
  return rule.ruleId ?? `${rule.policy} ${rule.protocol} ${rule.ports} to ${describePeer(rule.peer)}`;
}
