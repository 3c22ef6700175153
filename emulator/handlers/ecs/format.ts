import type { Page } from '../../models/paging';
import { groupName, ruleCounts } from '../../models/security-groups';
import type { Instance, Rule, SecurityGroup, World } from '../../models/world';

/** The wire shapes of the ECS Describe responses (the SDK models' PascalCase names and wrappers). */

export function pageFields(page: Page<unknown>): Record<string, unknown> {
  return page.nextToken === undefined
    ? { TotalCount: page.totalCount, PageNumber: page.pageNumber, PageSize: page.pageSize }
    : { TotalCount: page.totalCount, NextToken: page.nextToken };
}

export function formatInstance(i: Instance): Record<string, unknown> {
  const ips = i.privateIp ? [i.privateIp] : [];
  return {
    InstanceId: i.id,
    RegionId: i.region,
    ZoneId: i.zoneId,
    Status: i.status,
    InstanceNetworkType: 'vpc',
    InstanceName: i.name,
    HostName: i.hostName ?? `iZ${i.id.replace(/^i-/, '')}Z`,
    CreationTime: i.creationTime,
    VpcAttributes: { VpcId: i.vpcId, VSwitchId: i.vSwitchId, NatIpAddress: '', PrivateIpAddress: { IpAddress: ips } },
    InnerIpAddress: { IpAddress: [] },
    PublicIpAddress: { IpAddress: [] },
    EipAddress: { IpAddress: '', AllocationId: '' },
    SecurityGroupIds: { SecurityGroupId: [...i.securityGroupIds] },
    NetworkInterfaces: {
      NetworkInterface: [
        {
          NetworkInterfaceId: `eni-${i.id.replace(/^i-/, '')}`,
          Type: 'Primary',
          PrimaryIpAddress: i.privateIp,
          PrivateIpSets: { PrivateIpSet: ips.map((ip) => ({ PrivateIpAddress: ip, Primary: true })) },
          Ipv6Sets: { Ipv6Set: (i.ipv6Addresses ?? []).map((a) => ({ Ipv6Address: a })) },
        },
      ],
    },
    Tags: {
      Tag: Object.keys(i.tags)
        .sort()
        .map((k) => ({ TagKey: k, TagValue: i.tags[k] })),
    },
  };
}

export function formatGroup(g: SecurityGroup, now: number): Record<string, unknown> {
  const counts = ruleCounts(g, now);
  return {
    SecurityGroupId: g.id,
    SecurityGroupName: g.name,
    SecurityGroupType: g.type,
    VpcId: g.vpcId,
    Description: g.description,
    CreationTime: g.creationTime,
    RuleCount: counts.ruleCount,
    GroupToGroupRuleCount: counts.groupToGroup,
    ServiceManaged: false,
    Tags: {
      Tag: Object.keys(g.tags)
        .sort()
        .map((k) => ({ TagKey: k, TagValue: g.tags[k] })),
    },
  };
}

/** One rule as DescribeSecurityGroupAttribute lists it: every field a string. */
export function formatPermission(world: World, group: SecurityGroup, r: Rule): Record<string, string> {
  return {
    SecurityGroupRuleId: r.ruleId,
    Direction: r.direction,
    IpProtocol: r.ipProtocol,
    PortRange: r.portRange,
    SourcePortRange: r.sourcePortRange,
    SourceCidrIp: r.sourceCidrIp,
    Ipv6SourceCidrIp: r.ipv6SourceCidrIp ?? '',
    SourceGroupId: r.sourceGroupId,
    SourceGroupName: r.sourceGroupId ? groupName(world, r.sourceGroupId) : '',
    SourceGroupOwnerAccount: r.sourceGroupId ? r.sourceGroupOwnerId || group.owner : '',
    SourcePrefixListId: r.sourcePrefixListId ?? '',
    SourcePrefixListName: r.sourcePrefixListId ? (world.prefixLists.get(r.sourcePrefixListId)?.name ?? '') : '',
    DestCidrIp: r.destCidrIp,
    Ipv6DestCidrIp: r.ipv6DestCidrIp ?? '',
    DestGroupId: r.destGroupId ?? '',
    DestGroupName: r.destGroupId ? groupName(world, r.destGroupId) : '',
    DestGroupOwnerAccount: r.destGroupId ? r.destGroupOwnerId || group.owner : '',
    DestPrefixListId: '',
    DestPrefixListName: '',
    PortRangeListId: '',
    PortRangeListName: '',
    NicType: r.nicType,
    Policy: r.policy,
    Priority: String(r.priority),
    Description: r.description,
    CreateTime: r.createTime,
  };
}
