import { apiError } from '../errors/api-errors';
import { parseCidr } from './ipv4';
import { ipv6Cidr, normalizePermission, type RawPermission, type RuleSpec } from './rule-spec';
import type { Scope } from './scope';
import type { Rule, SecurityGroup } from './world';

/**
 * One permission of AuthorizeSecurityGroupEgress / RevokeSecurityGroupEgress
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroupegress):
 * the destination is DestCidrIp, Ipv6DestCidrIp or DestGroupId (owner DestGroupOwnerId, else
 * DestGroupOwnerAccount, else the caller), validated as the ingress source is (same codes for the
 * rest; a missing destination is MissingParameter.Source, see COVERAGE-ecs.md "Egress").
 */
export function normalizeEgressPermission(scope: Scope, group: SecurityGroup, raw: RawPermission): RuleSpec {
  const given = (k: string): string | undefined => (raw[k] === undefined || raw[k] === '' ? undefined : raw[k]);
  const destCidrIp = given('DestCidrIp');
  if (destCidrIp !== undefined && !parseCidr(destCidrIp)) throw apiError('InvalidDestCidrIp.Malformed');
  ipv6Cidr(group, given('Ipv6DestCidrIp'), 'Ipv6DestCidrIp');
  const asSource = normalizePermission(scope, group, 'egress', {
    IpProtocol: raw['IpProtocol'],
    PortRange: raw['PortRange'],
    PortRangeListId: raw['PortRangeListId'],
    SourceCidrIp: destCidrIp,
    Ipv6SourceCidrIp: given('Ipv6DestCidrIp'),
    SourceGroupId: given('DestGroupId'),
    SourceGroupOwnerId: given('DestGroupOwnerId'),
    SourceGroupOwnerAccount: given('DestGroupOwnerAccount'),
    SourcePrefixListId: given('DestPrefixListId'),
    SourcePortRange: raw['SourcePortRange'],
    NicType: raw['NicType'],
    Policy: raw['Policy'],
    Priority: raw['Priority'],
    Description: raw['Description'],
  });
  const { sourceCidrIp, sourceGroupId, sourceGroupOwnerId, ipv6SourceCidrIp, ...rest } = asSource;
  return {
    ...rest,
    sourceCidrIp: '',
    sourceGroupId: '',
    sourceGroupOwnerId: '',
    destCidrIp: sourceCidrIp,
    ...(ipv6SourceCidrIp ? { ipv6DestCidrIp: ipv6SourceCidrIp } : {}),
    ...(sourceGroupId ? { destGroupId: sourceGroupId, destGroupOwnerId: sourceGroupOwnerId } : {}),
  };
}

/** A permission of either direction, as its API reads it. */
export function normalizeRulePermission(
  scope: Scope,
  group: SecurityGroup,
  direction: Rule['direction'],
  raw: RawPermission,
): RuleSpec {
  return direction === 'egress'
    ? normalizeEgressPermission(scope, group, raw)
    : normalizePermission(scope, group, direction, raw);
}

/** The group a rule references, source or destination, in the shape checkGroupReference reads. */
export function asReference(spec: RuleSpec): RuleSpec {
  return spec.destGroupId
    ? { ...spec, sourceGroupId: spec.destGroupId, sourceGroupOwnerId: spec.destGroupOwnerId ?? '' }
    : spec;
}
