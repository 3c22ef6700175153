import type { NormalizedPairing } from '../config';
import { flowsOf } from './compute-desired-rules';
import type { RuleFacts } from './facts';
import { block } from './pairing-block';
import { desiredListOf } from './prefix-list-flow';
import type { DesiredPrefixList } from './prefix-list-rules';
import { resolveMemberAddresses, type Resolution } from './resolve-side';
import type { DeploymentRef } from './rule-description';

/**
 * Pure: the owned list each sending side of a prefix-list pairing wants, from its members alone:
 * no group of the pairing read (an event run that concerns only the sending side: a launch changes
 * the list's entries, never the rules that reference it). An instance side is not read this way.
 */
export function computeSenderLists(
  pairing: NormalizedPairing,
  deployment: DeploymentRef,
  facts: RuleFacts,
): Resolution<DesiredPrefixList[]> {
  const lists: DesiredPrefixList[] = [];
  for (const { source: side } of flowsOf(pairing)) {
    if (side.kind === 'instance')
      return {
        ok: false,
        block: block('MembersNotRead', `instance side ${side.instanceId} is not read by members`, {
          accountId: side.accountId,
        }),
      };
    const source = resolveMemberAddresses(side, facts);
    if (!source.ok) return source;
    lists.push(desiredListOf(pairing, deployment, side, source.value, facts));
  }
  return { ok: true, value: lists };
}

/** The receiving groups of a pairing as the config names them, `<account>/<group>` (`<account>/*`: a side's members' first groups). */
export function namedReceivingGroups(pairing: NormalizedPairing): string[] {
  const out = new Set<string>();
  for (const { receiver } of flowsOf(pairing)) {
    const groupId = receiver.kind === 'group' ? receiver.securityGroupId : (receiver.securityGroupId ?? '*');
    out.add(`${receiver.accountId}/${groupId}`);
  }
  return [...out].sort();
}
