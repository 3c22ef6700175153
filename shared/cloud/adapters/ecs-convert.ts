import type { DescribeInstancesResponseBodyInstancesInstance } from '@alicloud/ecs20140526/dist/models/DescribeInstancesResponseBody';
import type { DescribeSecurityGroupAttributeResponseBodyPermissionsPermission } from '@alicloud/ecs20140526/dist/models/DescribeSecurityGroupAttributeResponseBody';
import type { DescribeSecurityGroupsResponseBodySecurityGroupsSecurityGroup } from '@alicloud/ecs20140526/dist/models/DescribeSecurityGroupsResponseBody';
import type { GroupSummary, InstanceSummary, RawPermission } from '../port';

/** The SDK's answers in the port's vocabulary (wire names, strings as the API returns them). */
export function toGroupSummary(g: DescribeSecurityGroupsResponseBodySecurityGroupsSecurityGroup): GroupSummary {
  return {
    groupId: g.securityGroupId ?? '',
    vpcId: g.vpcId ?? '',
    type: g.securityGroupType === 'enterprise' ? 'enterprise' : 'normal',
    ruleCount: Number(g.ruleCount ?? 0),
    tags: Object.fromEntries((g.tags?.tag ?? []).map((t) => [t.tagKey ?? '', t.tagValue ?? ''])),
  };
}

export function toInstanceSummary(i: DescribeInstancesResponseBodyInstancesInstance): InstanceSummary {
  return {
    instanceId: i.instanceId ?? '',
    status: i.status ?? '',
    vpcId: i.vpcAttributes?.vpcId ?? '',
    privateIp: i.vpcAttributes?.privateIpAddress?.ipAddress?.[0] ?? i.innerIpAddress?.ipAddress?.[0] ?? '',
    securityGroupIds: i.securityGroupIds?.securityGroupId ?? [],
    tags: Object.fromEntries((i.tags?.tag ?? []).map((t) => [t.tagKey ?? '', t.tagValue ?? ''])),
  };
}

export function toRawPermission(p: DescribeSecurityGroupAttributeResponseBodyPermissionsPermission): RawPermission {
  return {
    SecurityGroupRuleId: p.securityGroupRuleId ?? '',
    Direction: p.direction ?? '',
    IpProtocol: p.ipProtocol ?? '',
    PortRange: p.portRange ?? '',
    SourceCidrIp: p.sourceCidrIp ?? '',
    Ipv6SourceCidrIp: p.ipv6SourceCidrIp ?? '',
    SourcePrefixListId: p.sourcePrefixListId ?? '',
    SourceGroupId: p.sourceGroupId ?? '',
    SourceGroupOwnerAccount: p.sourceGroupOwnerAccount ?? '',
    SourcePortRange: p.sourcePortRange ?? '',
    DestCidrIp: p.destCidrIp ?? '',
    NicType: p.nicType ?? '',
    Policy: p.policy ?? '',
    Priority: String(p.priority ?? ''),
    Description: p.description ?? '',
  };
}
