import type { NormalizedConfig, PairingSide } from '../config';
import { selectPairings } from '../plan';
import { factKey, flowsOf, isMember, memberKey, type RuleFacts } from '../rules';

/**
 * The groups whose type (normal or enterprise) the plan needs: those that may receive a group
 * reference, i.e. that receive from a group side of a pairing that may use references (auto or
 * group). Only those cost a DescribeSecurityGroups call.
 */
export function groupsNeedingType(
  config: NormalizedConfig,
  selection: readonly string[] | undefined,
  known: Pick<RuleFacts, 'instances' | 'memberInstances'>,
): Set<string> {
  const out = new Set<string>();
  for (const pairing of selectPairings(config, selection)) {
    if (pairing.strategy !== 'auto' && pairing.strategy !== 'group') continue;
    for (const { source, receiver } of flowsOf(pairing)) {
      if (source.kind !== 'group') continue;
      for (const groupId of receivingGroupIds(receiver, known)) out.add(factKey(receiver.accountId, groupId));
    }
  }
  return out;
}

function receivingGroupIds(side: PairingSide, known: Pick<RuleFacts, 'instances' | 'memberInstances'>): string[] {
  if (side.kind === 'group') return [side.securityGroupId];
  if (side.securityGroupId !== undefined) return [side.securityGroupId];
  if (side.kind === 'instance') {
    const first = known.instances[factKey(side.accountId, side.instanceId)]?.securityGroupIds[0];
    return first === undefined ? [] : [first];
  }
  const members = (known.memberInstances?.[memberKey(side)] ?? []).filter(isMember);
  return members.flatMap((m) => (m.securityGroupIds[0] === undefined ? [] : [m.securityGroupIds[0]]));
}
