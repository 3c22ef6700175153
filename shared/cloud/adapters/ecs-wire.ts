import type { DescribeInstancesResponseBodyInstancesInstance } from '@alicloud/ecs20140526/dist/models/DescribeInstancesResponseBody';
import type { DescribeSecurityGroupAttributeResponseBodyPermissionsPermission } from '@alicloud/ecs20140526/dist/models/DescribeSecurityGroupAttributeResponseBody';
import type { DescribeSecurityGroupsResponseBodySecurityGroupsSecurityGroup } from '@alicloud/ecs20140526/dist/models/DescribeSecurityGroupsResponseBody';
import { SgPairingError } from '../../errors';
import type { GroupSummary, InstanceSummary, PermissionSpec, RawPermission } from '../port';

/** The ECS SDK's models to and from the port's wire vocabulary (read shapes and rule permissions). */

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
    ...ipv6AddressesOf(i),
    securityGroupIds: i.securityGroupIds?.securityGroupId ?? [],
    tags: Object.fromEntries((i.tags?.tag ?? []).map((t) => [t.tagKey ?? '', t.tagValue ?? ''])),
  };
}

/** Every IPv6 address of the instance's network interfaces, in the order DescribeInstances gives them. */
function ipv6AddressesOf(i: DescribeInstancesResponseBodyInstancesInstance): { ipv6Addresses?: string[] } {
  const addresses = (i.networkInterfaces?.networkInterface ?? []).flatMap((n) =>
    (n.ipv6Sets?.ipv6Set ?? []).map((s) => s.ipv6Address ?? '').filter((a) => a !== ''),
  );
  return addresses.length === 0 ? {} : { ipv6Addresses: addresses };
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
    Ipv6DestCidrIp: p.ipv6DestCidrIp ?? '',
    DestGroupId: p.destGroupId ?? '',
    DestGroupOwnerAccount: p.destGroupOwnerAccount ?? '',
    DestPrefixListId: p.destPrefixListId ?? '',
    NicType: p.nicType ?? '',
    Policy: p.policy ?? '',
    Priority: String(p.priority ?? ''),
    Description: p.description ?? '',
  };
}

export function toSdkPermission(p: PermissionSpec) {
  return {
    ipProtocol: p.IpProtocol,
    portRange: p.PortRange,
    sourceCidrIp: p.SourceCidrIp,
    ipv6SourceCidrIp: p.Ipv6SourceCidrIp,
    sourceGroupId: p.SourceGroupId,
    sourceGroupOwnerId: p.SourceGroupOwnerId === undefined ? undefined : ownerIdNumber(p.SourceGroupOwnerId),
    sourcePrefixListId: p.SourcePrefixListId,
    nicType: p.NicType,
    policy: p.Policy,
    priority: p.Priority,
    description: p.Description,
  };
}

/** The SDK models SourceGroupOwnerId as a JS number: refuse a UID it would silently round. */
export function ownerIdNumber(uid: string): number {
  const n = Number(uid);
  if (!Number.isSafeInteger(n)) {
    throw new SgPairingError(`account UID ${uid} exceeds the SDK's numeric SourceGroupOwnerId precision`, {
      code: 'OwnerIdUnsafe',
      retryable: false,
      account: uid,
    });
  }
  return n;
}
