import type { CanonicalRule } from './canonical-rule';
import { canonicalizeRule, type RawPermission, type RuleHolder } from './canonicalize-rule';

/**
 * The canonical form of an egress rule read from the cloud: its peer is the destination
 * (DestCidrIp, Ipv6DestCidrIp, DestGroupId with DestGroupOwnerAccount, DestPrefixListId, in that
 * precedence, as AuthorizeSecurityGroupEgress names them:
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroupegress),
 * and `direction: 'egress'` keeps its key apart from any ingress rule. A rule narrowed by a source
 * (SourceCidrIp or SourcePortRange) is marked quintuple, like an ingress one with a destination.
 */
export function canonicalizeEgressRule(raw: RawPermission, holder: RuleHolder): CanonicalRule {
  const asIngress: RawPermission = {
    ...raw,
    Direction: 'ingress',
    SourceCidrIp: raw.DestCidrIp ?? '',
    Ipv6SourceCidrIp: raw.Ipv6DestCidrIp ?? '',
    SourceGroupId: raw.DestGroupId ?? '',
    SourceGroupOwnerAccount: raw.DestGroupOwnerAccount ?? '',
    SourceGroupOwnerId: '',
    SourcePrefixListId: raw.DestPrefixListId ?? '',
    SourcePortRange: (raw.SourcePortRange ?? '') || (raw.SourceCidrIp ?? ''),
    DestCidrIp: '',
    Ipv6DestCidrIp: '',
  };
  return { ...canonicalizeRule(asIngress, holder), direction: 'egress' };
}
