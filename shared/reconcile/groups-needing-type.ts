import type { NormalizedConfig, PairingSide } from '../config';
import { selectPairings, type ActualInstance } from '../plan';
import { factKey } from '../rules';

/**
 * The groups whose type (normal or enterprise) the plan needs: those that would receive a group
 * reference, i.e. that receive from a group side. Only those cost a DescribeSecurityGroups call.
 */
export function groupsNeedingType(config: NormalizedConfig, selection: readonly string[] | undefined, instances: Readonly<Partial<Record<string, ActualInstance>>>): Set<string> {
  const out = new Set<string>();
  for (const pairing of selectPairings(config, selection)) {
    const [first, second] = pairing.sides;
    const directions: [PairingSide, PairingSide][] = pairing.direction === 'both' ? [[first, second], [second, first]] : [[first, second]];
    for (const [source, receiver] of directions) {
      if (source.kind !== 'group') continue;
      const groupId = receiver.kind === 'group' ? receiver.securityGroupId : (receiver.securityGroupId ?? instances[factKey(receiver.accountId, receiver.instanceId)]?.securityGroupIds[0]);
      if (groupId !== undefined) out.add(factKey(receiver.accountId, groupId));
    }
  }
  return out;
}
