import type { NormalizedConfig, NormalizedPairing, PairingSide } from '../config';
import { flowsOf, parseRuleDescription, peerKey, ruleDescription, ruleKey, type CanonicalRule } from '../rules';
import { parseIpv4Cidr } from '../net';
import type { ActualState } from './actual-state';
import type { RevokeReason } from './plan-schema';

/** An owned rule no longer desired: revoked when its pruning is `owned`, only reported when `off`. */
export interface Revocation {
  readonly rule: CanonicalRule;
  readonly pairing: string;
  readonly reason: RevokeReason;
  readonly apply: boolean;
}

export interface RevocationInputs {
  /** the pairings whose desired rules this plan computed, by name, with those rules */
  readonly computed: ReadonlyMap<string, readonly CanonicalRule[]>;
  /** `<account>/<group>` of the groups the computed pairings receive in: pruned */
  readonly receivingGroups: ReadonlySet<string>;
  /** `<account>/<group>` of the groups carrying the record tag, where listed: pruned too */
  readonly recordedGroups?: ReadonlySet<string>;
  /** pairings with a side the API says is gone (in `computed` with no rule): all their rules are SourceGone */
  readonly gone?: ReadonlySet<string>;
}

/**
 * Pure: the owned rules to revoke, each with why: PairingRemoved (not declared), SourceGone (a /32
 * its pairing no longer sends from: the instance was released, left the group, lost the tag,
 * stopped), NoLongerDesired (anything else: ports, protocol, priority, strategy, receiving group). A rule is owned when its description is exactly
 * `sg-pairing:<this deployment>:<pairing>` (anything else, another deployment's marker included,
 * is never touched), it is an ingress accept rule this code can read, and it sits in a group a
 * computed pairing receives in or one the record tag names (a group that only sends and carries no
 * record is read, never written: sg-pairing never wrote there). It is revoked when
 * its key is desired by no computed pairing, its pairing is either not declared or computed now,
 * and no declared pairing left out of this plan (not selected, blocked, failed) could want that
 * key: those are decided by their own runs, so a scoped run never takes away what another needs.
 * A pairing blocked because a side is gone (the API says so: see gone-sides.ts) is computed with
 * no rule: each of its owned rules is SourceGone. One blocked or failed for any other reason (a
 * read failed, an instance stopped) is left out: its rules stay.
 */
export function computeRevocations(
  config: NormalizedConfig,
  actual: ActualState,
  inputs: RevocationInputs,
): Revocation[] {
  const desired = new Set<string>();
  for (const rules of inputs.computed.values()) rules.forEach((r) => desired.add(ruleKey(r)));
  const peersOf = (pairing: string) => new Set((inputs.computed.get(pairing) ?? []).map((r) => peerKey(r.peer)));
  const declared = new Map(config.pairings.map((p) => [p.name, p]));
  const leftOut = config.pairings.filter((p) => !inputs.computed.has(p.name));
  const out: Revocation[] = [];
  for (const groupKey of [...new Set([...inputs.receivingGroups, ...(inputs.recordedGroups ?? [])])].sort()) {
    for (const rule of actual.groups[groupKey]?.rules ?? []) {
      const owner = ownerOf(rule, config.name);
      if (owner === undefined || desired.has(ruleKey(rule))) continue;
      const pairing = declared.get(owner);
      if (pairing !== undefined && !inputs.computed.has(owner)) continue;
      if (leftOut.some((p) => mayWant(p, rule))) continue;
      const reason: RevokeReason =
        pairing === undefined
          ? 'PairingRemoved'
          : inputs.gone?.has(owner) === true || (isHostPeer(rule) && !peersOf(owner).has(peerKey(rule.peer)))
            ? 'SourceGone'
            : 'NoLongerDesired';
      out.push({ rule, pairing: owner, reason, apply: (pairing?.prune ?? config.prune) === 'owned' });
    }
  }
  return out;
}

/** The pairing an owned rule names, or undefined when the rule is not this deployment's to touch. */
export function ownerOf(rule: CanonicalRule, deployment: string): string | undefined {
  if (rule.unmatchable !== undefined || rule.policy !== 'accept') return undefined;
  // a prefix-list source is written by strategy prefix-list (an owned list); IPv6 sources never are
  if (rule.peer.kind === 'ipv6-cidr') return undefined;
  const parsed = parseRuleDescription(rule.description);
  if (parsed === undefined || parsed.deployment !== deployment) return undefined;
  return rule.description === ruleDescription(deployment, parsed.pairing) ? parsed.pairing : undefined;
}

function isHostPeer(rule: CanonicalRule): boolean {
  return rule.peer.kind === 'cidr' && parseIpv4Cidr(rule.peer.cidr)?.prefix === 32;
}

/**
 * Whether a pairing might want a rule with this key, judged from the config alone: same traffic,
 * and a receiving side that may land in the rule's group (its own group, the named one, or, for an
 * instance or tag side naming none, any group of its account).
 */
function mayWant(pairing: NormalizedPairing, rule: CanonicalRule): boolean {
  if (pairing.protocol !== rule.protocol || pairing.ports !== rule.ports || pairing.priority !== rule.priority)
    return false;
  return flowsOf(pairing).some((f) => mayReceiveIn(f.receiver, rule.accountId, rule.groupId));
}

function mayReceiveIn(side: PairingSide, accountId: string, groupId: string): boolean {
  if (side.accountId !== accountId) return false;
  if (side.kind === 'group') return side.securityGroupId === groupId;
  return side.securityGroupId === undefined || side.securityGroupId === groupId;
}
