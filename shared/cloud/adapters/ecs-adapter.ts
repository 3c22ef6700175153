import {
  AuthorizeSecurityGroupRequest,
  AuthorizeSecurityGroupRequestPermissions,
} from '@alicloud/ecs20140526/dist/models/AuthorizeSecurityGroupRequest';
import { AuthorizeSecurityGroupResponse } from '@alicloud/ecs20140526/dist/models/AuthorizeSecurityGroupResponse';
import {
  DescribeInstancesRequest,
  DescribeInstancesRequestTag,
} from '@alicloud/ecs20140526/dist/models/DescribeInstancesRequest';
import { DescribeInstancesResponse } from '@alicloud/ecs20140526/dist/models/DescribeInstancesResponse';
import { DescribeSecurityGroupAttributeRequest } from '@alicloud/ecs20140526/dist/models/DescribeSecurityGroupAttributeRequest';
import { DescribeSecurityGroupAttributeResponse } from '@alicloud/ecs20140526/dist/models/DescribeSecurityGroupAttributeResponse';
import {
  DescribeSecurityGroupsRequest,
  DescribeSecurityGroupsRequestTag,
} from '@alicloud/ecs20140526/dist/models/DescribeSecurityGroupsRequest';
import { DescribeSecurityGroupsResponse } from '@alicloud/ecs20140526/dist/models/DescribeSecurityGroupsResponse';
import type { DescribeSecurityGroupsResponseBodySecurityGroupsSecurityGroup } from '@alicloud/ecs20140526/dist/models/DescribeSecurityGroupsResponseBody';
import {
  RevokeSecurityGroupRequest,
  RevokeSecurityGroupRequestPermissions,
} from '@alicloud/ecs20140526/dist/models/RevokeSecurityGroupRequest';
import { RevokeSecurityGroupResponse } from '@alicloud/ecs20140526/dist/models/RevokeSecurityGroupResponse';
import { ModifySecurityGroupRuleRequest } from '@alicloud/ecs20140526/dist/models/ModifySecurityGroupRuleRequest';
import { ModifySecurityGroupRuleResponse } from '@alicloud/ecs20140526/dist/models/ModifySecurityGroupRuleResponse';
import { TagResourcesRequest, TagResourcesRequestTag } from '@alicloud/ecs20140526/dist/models/TagResourcesRequest';
import { TagResourcesResponse } from '@alicloud/ecs20140526/dist/models/TagResourcesResponse';
import { UntagResourcesRequest } from '@alicloud/ecs20140526/dist/models/UntagResourcesRequest';
import { UntagResourcesResponse } from '@alicloud/ecs20140526/dist/models/UntagResourcesResponse';
import type {
  EcsPort,
  GroupAttributes,
  GroupSummary,
  InstanceFilter,
  InstanceSummary,
  PermissionSpec,
  PrefixListPort,
  RawPermission,
  TemporaryCredentials,
} from '../port';
import { toGroupSummary, toInstanceSummary, toRawPermission, toSdkPermission } from './ecs-wire';
import type { Endpoint } from './endpoints';
import { authorizeEgress, revokeEgress, type EgressTarget } from './ecs-egress';
import { EcsRpc } from './ecs-rpc';

const PAGE = 1000;

/** ECS for one account: the real `@alicloud/ecs20140526` models over openapi-core (see ecs-rpc.ts). */
export class EcsAdapter implements Omit<EcsPort, keyof PrefixListPort> {
  /** the account's one ECS RPC client, shared with its prefix lists (prefix-list-adapter.ts) */
  readonly client: EcsRpc;

  constructor(
    private readonly region: string,
    private readonly account: string,
    credentials: TemporaryCredentials,
    endpoint: Endpoint | undefined,
  ) {
    this.client = EcsRpc.forAccount(region, credentials, endpoint);
  }

  async readGroupAttributes(groupId: string): Promise<GroupAttributes> {
    const permissions: RawPermission[] = [];
    let nextToken: string | undefined;
    let vpcId: string;
    let innerAccessPolicy: string;
    do {
      const request = new DescribeSecurityGroupAttributeRequest({
        regionId: this.region,
        securityGroupId: groupId,
        direction: 'all',
        maxResults: PAGE,
        nextToken,
      });
      const body = await this.client.call(
        'DescribeSecurityGroupAttribute',
        request,
        new DescribeSecurityGroupAttributeResponse({}),
        { account: this.account, group: groupId },
      );
      vpcId = body.vpcId ?? '';
      innerAccessPolicy = body.innerAccessPolicy ?? '';
      for (const p of body.permissions?.permission ?? []) permissions.push(toRawPermission(p));
      nextToken = body.nextToken || undefined;
    } while (nextToken);
    return { groupId, vpcId, innerAccessPolicy, permissions };
  }

  async describeGroups(groupIds: string[]): Promise<GroupSummary[]> {
    if (groupIds.length === 0) return [];
    return (await this.pagesOfGroups({ securityGroupIds: JSON.stringify(groupIds) })).map(toGroupSummary);
  }

  async listTaggedGroups(key: string, value: string): Promise<GroupSummary[]> {
    // Tag.1.Key and Tag.1.Value: what a filter by key alone matches is not documented
    // (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describesecuritygroups);
    // the groups answered are checked for the tag all the same
    const groups = await this.pagesOfGroups({ tag: [new DescribeSecurityGroupsRequestTag({ key, value })] });
    return groups
      .filter((g) => (g.tags?.tag ?? []).some((t) => t.tagKey === key && t.tagValue === value))
      .map(toGroupSummary)
      .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  }

  async listGroupsNamed(name: string): Promise<GroupSummary[]> {
    // SecurityGroupName is documented as "the name of the security group", exact or fuzzy unsaid (FuzzyQuery
    // is deprecated): the answer is matched exactly here
    // (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describesecuritygroups)
    const groups = await this.pagesOfGroups({ securityGroupName: name });
    return groups
      .filter((g) => g.securityGroupName === name)
      .map(toGroupSummary)
      .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  }

  /** DescribeSecurityGroups with these filters, MaxResults 100 and NextToken until the last page. */
  private async pagesOfGroups(
    filters: Partial<DescribeSecurityGroupsRequest>,
  ): Promise<DescribeSecurityGroupsResponseBodySecurityGroupsSecurityGroup[]> {
    const out: DescribeSecurityGroupsResponseBodySecurityGroupsSecurityGroup[] = [];
    let nextToken: string | undefined;
    do {
      const request = new DescribeSecurityGroupsRequest({
        regionId: this.region,
        ...filters,
        maxResults: 100,
        nextToken,
      });
      const body = await this.client.call('DescribeSecurityGroups', request, new DescribeSecurityGroupsResponse({}), {
        account: this.account,
      });
      out.push(...(body.securityGroups?.securityGroup ?? []));
      nextToken = body.nextToken || undefined;
    } while (nextToken);
    return out;
  }

  async tagGroups(groupIds: string[], key: string, value: string): Promise<void> {
    if (groupIds.length === 0) return;
    const request = new TagResourcesRequest({
      regionId: this.region,
      resourceType: 'securitygroup',
      resourceId: groupIds,
      tag: [new TagResourcesRequestTag({ key, value })],
    });
    await this.client.call('TagResources', request, new TagResourcesResponse({}), {
      account: this.account,
      group: groupIds.length === 1 ? groupIds[0] : undefined,
    });
  }

  async untagGroups(groupIds: string[], key: string): Promise<void> {
    if (groupIds.length === 0) return;
    const request = new UntagResourcesRequest({
      regionId: this.region,
      resourceType: 'securitygroup',
      resourceId: groupIds,
      tagKey: [key],
    });
    await this.client.call('UntagResources', request, new UntagResourcesResponse({}), {
      account: this.account,
      group: groupIds.length === 1 ? groupIds[0] : undefined,
    });
  }

  async describeInstances(instanceIds: string[]): Promise<InstanceSummary[]> {
    if (instanceIds.length === 0) return [];
    return this.pagesOfInstances({ instanceIds: JSON.stringify(instanceIds) });
  }

  async listInstances(filter: InstanceFilter): Promise<InstanceSummary[]> {
    const tag = Object.entries(filter.tags ?? {}).map(
      ([key, value]) => new DescribeInstancesRequestTag({ key, value }),
    );
    const instances = await this.pagesOfInstances({
      ...(filter.securityGroupId === undefined ? {} : { securityGroupId: filter.securityGroupId }),
      ...(filter.vpcId === undefined ? {} : { vpcId: filter.vpcId }),
      ...(tag.length === 0 ? {} : { tag }),
    });
    return instances.sort((a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0));
  }

  /** DescribeInstances with these filters, MaxResults 100 and NextToken until the last page. */
  private async pagesOfInstances(filters: Partial<DescribeInstancesRequest>): Promise<InstanceSummary[]> {
    const out: InstanceSummary[] = [];
    let nextToken: string | undefined;
    do {
      const request = new DescribeInstancesRequest({ regionId: this.region, ...filters, maxResults: 100, nextToken });
      const body = await this.client.call('DescribeInstances', request, new DescribeInstancesResponse({}), {
        account: this.account,
        group: filters.securityGroupId,
      });
      for (const i of body.instances?.instance ?? []) out.push(toInstanceSummary(i));
      nextToken = body.nextToken || undefined;
    } while (nextToken);
    return out;
  }

  async authorizeIngress(groupId: string, permissions: PermissionSpec[], clientToken: string): Promise<void> {
    const request = new AuthorizeSecurityGroupRequest({
      regionId: this.region,
      securityGroupId: groupId,
      clientToken,
      permissions: permissions.map((p) => new AuthorizeSecurityGroupRequestPermissions(toSdkPermission(p))),
    });
    await this.client.call('AuthorizeSecurityGroup', request, new AuthorizeSecurityGroupResponse({}), {
      account: this.account,
      group: groupId,
    });
  }

  async revokeIngress(groupId: string, permissions: PermissionSpec[], clientToken: string): Promise<void> {
    const request = new RevokeSecurityGroupRequest({
      regionId: this.region,
      securityGroupId: groupId,
      clientToken,
      permissions: permissions.map((p) => new RevokeSecurityGroupRequestPermissions(toSdkPermission(p))),
    });
    await this.client.call('RevokeSecurityGroup', request, new RevokeSecurityGroupResponse({}), {
      account: this.account,
      group: groupId,
    });
  }

  async revokeIngressRules(groupId: string, ruleIds: string[], clientToken: string): Promise<void> {
    const request = new RevokeSecurityGroupRequest({
      regionId: this.region,
      securityGroupId: groupId,
      clientToken,
      securityGroupRuleId: ruleIds,
    });
    await this.client.call('RevokeSecurityGroup', request, new RevokeSecurityGroupResponse({}), {
      account: this.account,
      group: groupId,
    });
  }

  async setRuleDescription(groupId: string, ruleId: string, description: string, clientToken: string): Promise<void> {
    // ModifySecurityGroupRule by SecurityGroupRuleId, the Description alone: the rule keeps its id and key
    // (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifysecuritygrouprule)
    const request = new ModifySecurityGroupRuleRequest({
      regionId: this.region,
      securityGroupId: groupId,
      securityGroupRuleId: ruleId,
      description,
      clientToken,
    });
    await this.client.call('ModifySecurityGroupRule', request, new ModifySecurityGroupRuleResponse({}), {
      account: this.account,
      group: groupId,
    });
  }

  authorizeEgress(groupId: string, permissions: PermissionSpec[], clientToken: string): Promise<void> {
    return authorizeEgress(this.egressTarget(), groupId, permissions, clientToken);
  }

  revokeEgress(groupId: string, permissions: PermissionSpec[], clientToken: string): Promise<void> {
    return revokeEgress(this.egressTarget(), groupId, { permissions }, clientToken);
  }

  revokeEgressRules(groupId: string, ruleIds: string[], clientToken: string): Promise<void> {
    return revokeEgress(this.egressTarget(), groupId, { ruleIds }, clientToken);
  }

  private egressTarget(): EgressTarget {
    return { client: this.client, region: this.region, account: this.account };
  }
}
