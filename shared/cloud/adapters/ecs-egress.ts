import {
  AuthorizeSecurityGroupEgressRequest,
  AuthorizeSecurityGroupEgressRequestPermissions,
} from '@alicloud/ecs20140526/dist/models/AuthorizeSecurityGroupEgressRequest';
import { AuthorizeSecurityGroupEgressResponse } from '@alicloud/ecs20140526/dist/models/AuthorizeSecurityGroupEgressResponse';
import {
  RevokeSecurityGroupEgressRequest,
  RevokeSecurityGroupEgressRequestPermissions,
} from '@alicloud/ecs20140526/dist/models/RevokeSecurityGroupEgressRequest';
import { RevokeSecurityGroupEgressResponse } from '@alicloud/ecs20140526/dist/models/RevokeSecurityGroupEgressResponse';
import type { PermissionSpec } from '../port';
import type { EcsRpc } from './ecs-rpc';
import { ownerIdNumber } from './ecs-wire';

/** Where an egress write goes: the account's client, its region and UID. */
export interface EgressTarget {
  readonly client: EcsRpc;
  readonly region: string;
  readonly account: string;
}

/**
 * AuthorizeSecurityGroupEgress / RevokeSecurityGroupEgress
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroupegress):
 * the destination is DestCidrIp, Ipv6DestCidrIp or DestGroupId with DestGroupOwnerId.
 */
function egressPermission(p: PermissionSpec) {
  return {
    ipProtocol: p.IpProtocol,
    portRange: p.PortRange,
    destCidrIp: p.DestCidrIp,
    ipv6DestCidrIp: p.Ipv6DestCidrIp,
    destGroupId: p.DestGroupId,
    nicType: p.NicType,
    policy: p.Policy,
    priority: p.Priority,
    description: p.Description,
  };
}

export async function authorizeEgress(
  t: EgressTarget,
  groupId: string,
  permissions: PermissionSpec[],
  clientToken: string,
): Promise<void> {
  const request = new AuthorizeSecurityGroupEgressRequest({
    regionId: t.region,
    securityGroupId: groupId,
    clientToken,
    permissions: permissions.map(
      (p) =>
        new AuthorizeSecurityGroupEgressRequestPermissions({
          ...egressPermission(p),
          destGroupOwnerId: p.DestGroupOwnerId === undefined ? undefined : ownerIdNumber(p.DestGroupOwnerId),
        }),
    ),
  });
  await t.client.call('AuthorizeSecurityGroupEgress', request, new AuthorizeSecurityGroupEgressResponse({}), {
    account: t.account,
    group: groupId,
  });
}

export async function revokeEgress(
  t: EgressTarget,
  groupId: string,
  revoke: { permissions: PermissionSpec[] } | { ruleIds: string[] },
  clientToken: string,
): Promise<void> {
  const request = new RevokeSecurityGroupEgressRequest({
    regionId: t.region,
    securityGroupId: groupId,
    clientToken,
    ...('ruleIds' in revoke
      ? { securityGroupRuleId: revoke.ruleIds }
      : {
          permissions: revoke.permissions.map(
            (p) =>
              new RevokeSecurityGroupEgressRequestPermissions({
                ...egressPermission(p),
                destGroupOwnerId: p.DestGroupOwnerId,
              }),
          ),
        }),
  });
  await t.client.call('RevokeSecurityGroupEgress', request, new RevokeSecurityGroupEgressResponse({}), {
    account: t.account,
    group: groupId,
  });
}
