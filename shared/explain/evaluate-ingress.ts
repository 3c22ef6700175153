import type { ActualGroup, ActualState } from '../plan';
import { describePeer } from '../plan';
import {
  addressPeerMatches,
  factKey,
  inEvaluationOrder,
  ruleTrafficIn,
  type CanonicalRule,
  type IpFamily,
} from '../rules';
import type { Endpoint, RuleRef, Verdict, VerdictReason } from './pairing-explanation';
import { describeTraffic, intersect, subtract, type Segment, type Traffic } from './traffic';

export interface IngressEvaluation {
  readonly verdict: Verdict;
  readonly reason: VerdictReason;
  readonly message: string;
  readonly rule?: RuleRef;
  readonly sharedGroupId?: string;
  readonly notes: readonly string[];
}

interface Candidate {
  readonly rule: CanonicalRule;
  readonly covers: Segment[];
}

/**
 * Whether `traffic` from `source` gets into `receiver`, read from the ingress rules of every group
 * of the receiving instance, merged (priority and drop-wins: AuthorizeSecurityGroup,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroup;
 * InnerAccessPolicy: ModifySecurityGroupPolicy,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifysecuritygrouppolicy):
 * 1. a group both ends are in, with InnerAccessPolicy Accept, lets it in whatever the rules say;
 * 2. else rules matching the source decide in order: priority 1 first, drop before accept at equal
 *    priority; an accept lets its part of the traffic in, a drop that meets what is still to be let
 *    in blocks it;
 * 3. whatever no rule lets in is dropped (default deny; InnerAccessPolicy Drop only isolates).
 * A source matches a CIDR rule when its address is inside the CIDR, a group rule when it is a member
 * of that group of that owner and the rule's group is in the source's VPC. `family` is the traffic's
 * address family: an IPv6 source (its address in `source.ip`) matches Ipv6SourceCidrIp rules and
 * group references (family-neutral), and its ICMP is let in by ICMPv6 rules (ruleTrafficIn).
 */
export function evaluateIngress(
  traffic: Traffic,
  source: Endpoint,
  receiver: Endpoint,
  groups: ActualState['groups'],
  family: IpFamily = 'ipv4',
): IngressEvaluation {
  const notes: string[] = [];
  const read = receiver.groupIds
    .map((id) => groups[factKey(receiver.accountId, id)])
    .filter((g): g is ActualGroup => g !== undefined);
  const inner = innerAccess(read, source, receiver, notes);
  if (inner) return inner;
  const missing = receiver.groupIds.filter((id) => groups[factKey(receiver.accountId, id)] === undefined);
  if (missing.length > 0) {
    return {
      verdict: 'Unknown',
      reason: 'GroupNotRead',
      message: `security group(s) ${missing.join(', ')} of the receiving end could not be read, so its effective rules are unknown`,
      notes,
    };
  }
  return walkRules(traffic, candidateRules(traffic, source, read, notes, family), source, receiver, notes);
}

/** 1. a group both ends are in with InnerAccessPolicy Accept lets it in; one with Drop only isolates (noted). */
function innerAccess(
  read: readonly ActualGroup[],
  source: Endpoint,
  receiver: Endpoint,
  notes: string[],
): IngressEvaluation | undefined {
  const shared = read.filter((g) => receiver.accountId === source.accountId && source.groupIds.includes(g.groupId));
  const accepting = shared.find((g) => (g.innerAccessPolicy || 'Accept').toLowerCase() !== 'drop');
  if (accepting) {
    return {
      verdict: 'Allowed',
      reason: 'InnerAccessAccept',
      message: `both ends are in ${accepting.groupId}, whose InnerAccessPolicy Accept lets its members talk whatever its rules say`,
      sharedGroupId: accepting.groupId,
      notes,
    };
  }
  for (const g of shared)
    notes.push(
      `both ends are in ${g.groupId}, but its InnerAccessPolicy Drop isolates its members: only rules let them talk`,
    );
  return undefined;
}

/** The intranet rules that match the source and meet the traffic, in evaluation order; what was left out, noted. */
function candidateRules(
  traffic: Traffic,
  source: Endpoint,
  read: readonly ActualGroup[],
  notes: string[],
  family: IpFamily,
): Candidate[] {
  const candidates: Candidate[] = [];
  let unmatchable = 0;
  let unknownSource = 0;
  let prefixListRules = 0;
  for (const group of read) {
    for (const rule of group.rules) {
      if (rule.unmatchable !== undefined) {
        unmatchable += 1;
        continue;
      }
      if (rule.nicType !== 'intranet') continue;
      if (rule.peer.kind === 'prefix-list') {
        prefixListRules += 1; // its entries are not read here (strategy prefix-list: docs/configuration.md)
        continue;
      }
      const covers = intersect(traffic, ruleTrafficIn(rule.protocol, rule.ports, family));
      if (covers.length === 0) continue;
      const match = sourceMatches(rule, group, source, family);
      if (match === 'unknown') unknownSource += 1;
      if (match === 'other-vpc')
        notes.push(
          `rule ${ruleName(rule)} names ${describePeer(rule.peer)}, but a group reference works only inside one VPC (${group.vpcId}, the source is in ${source.vpcId})`,
        );
      if (match === 'yes') candidates.push({ rule, covers });
    }
  }
  if (unmatchable > 0)
    notes.push(
      `${unmatchable} rule(s) with fields this evaluation does not model (egress, quintuple, unknown protocol or source) were left out`,
    );
  if (prefixListRules > 0)
    notes.push(
      `${prefixListRules} rule(s) naming a prefix list were left out: explain does not read prefix list entries`,
    );
  if (unknownSource > 0)
    notes.push(
      `${unknownSource} CIDR rule(s) were left out: the sending side has no known Running member, so its address is unknown`,
    );
  return candidates.sort(inEvaluationOrder);
}

/** 2. and 3.: the first drop that meets what is still to be let in blocks it; else accepts let it in, or default deny. */
function walkRules(
  traffic: Traffic,
  candidates: readonly Candidate[],
  source: Endpoint,
  receiver: Endpoint,
  notes: string[],
): IngressEvaluation {
  let remaining: Segment[] = [...traffic];
  let lastAccept: CanonicalRule | undefined;
  for (const c of candidates) {
    const hit = intersect(remaining, c.covers);
    if (hit.length === 0) continue;
    if (c.rule.policy === 'drop') return dropped(c, hit, candidates, notes);
    remaining = subtract(remaining, c.covers);
    lastAccept = c.rule;
    if (remaining.length === 0) {
      return {
        verdict: 'Allowed',
        reason: 'AcceptRule',
        message: `let in by rule ${ruleName(c.rule)} in ${c.rule.groupId} (priority ${c.rule.priority}, from ${describePeer(c.rule.peer)})`,
        rule: ruleRef(c.rule),
        notes,
      };
    }
  }
  const part = lastAccept === undefined ? '' : ` (${describeTraffic(subtract(traffic, remaining))} is let in)`;
  return {
    verdict: 'Blocked',
    reason: 'NoMatchingRule',
    message: `${describeTraffic(remaining)} from ${source.ip ?? `members of ${source.groupIds.join(', ')}`} is let in by no rule of ${receiver.groupIds.join(', ')}: dropped by default${part}`,
    notes,
  };
}

function dropped(c: Candidate, hit: Segment[], candidates: readonly Candidate[], notes: string[]): IngressEvaluation {
  const tie = candidates.find(
    (o) => o.rule.policy === 'accept' && o.rule.priority === c.rule.priority && intersect(hit, o.covers).length > 0,
  );
  const why = tie ? `; drop wins over ${ruleName(tie.rule)} at equal priority` : '';
  return {
    verdict: 'Blocked',
    reason: 'DropRule',
    message: `${describeTraffic(hit)} is dropped by rule ${ruleName(c.rule)} in ${c.rule.groupId} (priority ${c.rule.priority}, from ${describePeer(c.rule.peer)})${why}`,
    rule: ruleRef(c.rule),
    notes,
  };
}

type SourceMatch = 'yes' | 'no' | 'unknown' | 'other-vpc';

function sourceMatches(rule: CanonicalRule, group: ActualGroup, source: Endpoint, family: IpFamily): SourceMatch {
  const peer = rule.peer;
  if (peer.kind !== 'group') return addressPeerMatches(peer, source.ip, family);
  if (peer.ownerId !== source.accountId || !source.groupIds.includes(peer.groupId)) return 'no';
  return source.vpcId === undefined || source.vpcId === group.vpcId ? 'yes' : 'other-vpc';
}

function ruleName(rule: CanonicalRule): string {
  return rule.ruleId ?? `${rule.policy} ${rule.protocol} ${rule.ports} from ${describePeer(rule.peer)}`;
}

export function ruleRef(rule: CanonicalRule): RuleRef {
  return {
    ...(rule.ruleId === undefined ? {} : { ruleId: rule.ruleId }),
    accountId: rule.accountId,
    groupId: rule.groupId,
    priority: rule.priority,
    policy: rule.policy,
    protocol: rule.protocol,
    ports: rule.ports,
    source: describePeer(rule.peer),
    description: rule.description,
  };
}
