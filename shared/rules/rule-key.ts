import type { CanonicalRule, RulePeer } from './canonical-rule';

export function peerKey(peer: RulePeer): string {
  switch (peer.kind) {
    case 'cidr':
      return `cidr:${peer.cidr}`;
    case 'group':
      return `group:${peer.ownerId}/${peer.groupId}`;
    case 'ipv6-cidr':
      return `ipv6:${peer.cidr}`;
    case 'prefix-list':
      return `prefix-list:${peer.prefixListId}`;
  }
}

/**
 * The identity of a rule, without its description (or rule ID):
 * `<account>/<group>|<protocol>|<ports>|<peer>|<policy>|<priority>|<nicType>`. An unmatchable
 * rule's key carries its mark, so it never equals the key of a desired rule.
 */
export function ruleKey(rule: CanonicalRule): string {
  let key = keys.get(rule);
  if (key === undefined) {
    key = [
      `${rule.accountId}/${rule.groupId}`,
      rule.protocol,
      rule.ports,
      peerKey(rule.peer),
      rule.policy,
      String(rule.priority),
      rule.nicType,
    ].join('|');
    if (rule.unmatchable !== undefined) key = `${key}|unmatchable:${rule.unmatchable}`;
    if (rule.direction === 'egress') key = `${key}|egress`;
    keys.set(rule, key);
  }
  return key;
}

/** A plan keys and sorts the same rules many times; rules are read-only values, so the key is kept. */
const keys = new WeakMap<CanonicalRule, string>();

export function compareRules(a: CanonicalRule, b: CanonicalRule): number {
  const ka = ruleKey(a);
  const kb = ruleKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
