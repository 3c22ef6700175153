/**
 * The narrow port between the product and the cloud. Everything the reconciler needs from ECS and
 * STS, in the cloud's own vocabulary (wire field names, strings as the API returns them), so that
 * canonicalisation stays in shared/rules and only adapters know an SDK exists.
 */

import type {
  BusEvent,
  DirectoryAccount,
  DirectoryPort,
  EventBusPort,
  FunctionsPort,
  ObjectStorePort,
  StoredObject,
} from './hub-ports';

export type { DirectoryPort };
import type { NewPrefixList, PrefixListPort, PrefixListSummary } from './prefix-list-port';
export type { NewPrefixList, PrefixListPort, PrefixListSummary };

/** A security group rule as DescribeSecurityGroupAttribute returns it (all strings). */
export interface RawPermission {
  SecurityGroupRuleId: string;
  Direction: string;
  IpProtocol: string;
  PortRange: string;
  SourceCidrIp: string;
  Ipv6SourceCidrIp: string;
  SourcePrefixListId: string;
  SourceGroupId: string;
  SourceGroupOwnerAccount: string;
  SourcePortRange: string;
  DestCidrIp: string;
  /** egress destinations (absent from fakes that predate them) */
  Ipv6DestCidrIp?: string;
  DestGroupId?: string;
  DestGroupOwnerAccount?: string;
  DestPrefixListId?: string;
  NicType: string;
  Policy: string;
  Priority: string;
  Description: string;
}

export interface GroupAttributes {
  groupId: string;
  vpcId: string;
  innerAccessPolicy: string;
  /** every rule of the group, ingress and egress, all pages */
  permissions: RawPermission[];
}

export interface GroupSummary {
  groupId: string;
  vpcId: string;
  type: 'normal' | 'enterprise';
  ruleCount: number;
  /** the group's tags (key -> value), as DescribeSecurityGroups answers them */
  tags?: Record<string, string>;
}

export interface InstanceSummary {
  instanceId: string;
  status: string;
  vpcId: string;
  /** primary private IP, '' when none yet */
  privateIp: string;
  /** the IPv6 addresses of its network interfaces (NetworkInterfaces...Ipv6Sets.Ipv6Set[].Ipv6Address); absent when none */
  ipv6Addresses?: string[];
  securityGroupIds: string[];
  tags: Record<string, string>;
}

/** A rule to add or revoke, in wire names. */
export interface PermissionSpec {
  IpProtocol: string;
  PortRange: string;
  SourceCidrIp?: string;
  /** an IPv6 source (VPC groups only) */
  Ipv6SourceCidrIp?: string;
  SourceGroupId?: string;
  SourceGroupOwnerId?: string;
  /** egress rules: the destination (AuthorizeSecurityGroupEgress) */
  DestCidrIp?: string;
  Ipv6DestCidrIp?: string;
  DestGroupId?: string;
  DestGroupOwnerId?: string;
  /** a prefix list of the group's own account (strategy prefix-list) */
  SourcePrefixListId?: string;
  NicType: string;
  Policy: string;
  Priority: string;
  Description: string;
}

/** DescribeInstances filters for a listing: every filter given must match (tags: every key with its value). */
export interface InstanceFilter {
  securityGroupId?: string;
  tags?: Readonly<Record<string, string>>;
  vpcId?: string;
}

/** ECS as seen by one account (credentials already resolved). */
export interface EcsPort extends PrefixListPort {
  readGroupAttributes(groupId: string): Promise<GroupAttributes>;
  /** up to 100 ids; groups not found are simply absent */
  describeGroups(groupIds: string[]): Promise<GroupSummary[]>;
  /** up to 100 ids; instances not found are simply absent */
  describeInstances(instanceIds: string[]): Promise<InstanceSummary[]>;
  /** every instance of the account in the region passing the filter, all pages (100 a page), by id */
  listInstances(filter: InstanceFilter): Promise<InstanceSummary[]>;
  /** up to 100 permissions; the client token makes a retried request apply once */
  authorizeIngress(groupId: string, permissions: PermissionSpec[], clientToken: string): Promise<void>;
  revokeIngress(groupId: string, permissions: PermissionSpec[], clientToken: string): Promise<void>;
  /** up to 100 SecurityGroupRuleIds: exactly those rules, whatever else shares their fields */
  revokeIngressRules(groupId: string, ruleIds: string[], clientToken: string): Promise<void>;
  /** ModifySecurityGroupRule: one ingress rule's Description, by its SecurityGroupRuleId (its id and key kept) */
  setRuleDescription(groupId: string, ruleId: string, description: string, clientToken: string): Promise<void>;
  /** egress rules (AuthorizeSecurityGroupEgress / RevokeSecurityGroupEgress), like their ingress counterparts */
  authorizeEgress(groupId: string, permissions: PermissionSpec[], clientToken: string): Promise<void>;
  revokeEgress(groupId: string, permissions: PermissionSpec[], clientToken: string): Promise<void>;
  revokeEgressRules(groupId: string, ruleIds: string[], clientToken: string): Promise<void>;
  /** TagResources (ResourceType securitygroup): this tag on every group given, in calls of up to 50 groups */
  tagGroups(groupIds: string[], key: string, value: string): Promise<void>;
  /** UntagResources (ResourceType securitygroup): this tag key off every group given, in calls of up to 50 */
  untagGroups(groupIds: string[], key: string): Promise<void>;
  /**
   * every group of the account in the region carrying this tag (key and value), all pages (100 a
   * page), by id; the filter always names the value, since a key-only filter's meaning is undocumented
   */
  listTaggedGroups(key: string, value: string): Promise<GroupSummary[]>;
  /**
   * every group of the account in the region named exactly this, all pages, by id (a fleet side by
   * name: DescribeSecurityGroups with SecurityGroupName; what the filter matches is checked again)
   */
  listGroupsNamed(name: string): Promise<GroupSummary[]>;
}

/** A VPC as DescribeVpcs (VPC 2016-04-28) answers it. */
export interface VpcSummary {
  vpcId: string;
  /** CidrBlock, then SecondaryCidrBlocks and UserCidrs, as the API gives them (empty strings dropped) */
  cidrBlocks: string[];
}

/** The VPC API as seen by one account (credentials already resolved). */
export interface VpcPort {
  /** the VPCs of these ids the account can see (up to 20 ids a call, every page); one not found is absent */
  describeVpcs(vpcIds: string[]): Promise<VpcSummary[]>;
}

export interface TemporaryCredentials {
  /** the account UID these credentials act in */
  account: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  /** epoch ms */
  expiresAt: number;
}

export interface AssumeRoleRequest {
  roleArn: string;
  sessionName: string;
  externalId?: string;
  durationSeconds: number;
}

/** One instance's part of a Cloud Assistant invocation, as DescribeInvocationResults reports it. */
export interface InvocationResult {
  instanceId: string;
  /** InvocationStatus: Pending, Running, Success, Failed, Timeout, Error, Aborted, Cancelled, ... */
  status: string;
  /** absent until the command has finished */
  exitCode?: number;
  /** decoded (the API sends it Base64) */
  output: string;
  errorCode: string;
  errorInfo: string;
}

/** A Cloud Assistant command as CreateCommand makes it (RunShellScript, custom parameters on). */
export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  /** the script, plain text (the adapter sends it Base64) */
  readonly script: string;
  /** CreateCommand Timeout, seconds: the default of every invocation */
  readonly timeoutSeconds: number;
}

/** One command DescribeCommands found. */
export interface FoundCommand {
  readonly commandId: string;
  readonly name: string;
  /** decoded */
  readonly script: string;
  readonly enableParameter: boolean;
}

/**
 * ECS Cloud Assistant as seen by one account, for `verify`: invoke the fixed probe command (created
 * once per account) with parameters on an instance, and read the results. No ad-hoc script is run.
 */
export interface AssistantPort {
  /** DescribeCommands by name: the account's commands of exactly this name in the region */
  findCommands(name: string): Promise<FoundCommand[]>;
  /** CreateCommand (RunShellScript, EnableParameter=true); answers the CommandId */
  createCommand(spec: CommandSpec): Promise<{ commandId: string }>;
  /** InvokeCommand of a created command on up to 100 instances with its parameters; answers the InvokeId */
  invokeCommand(
    commandId: string,
    instanceIds: string[],
    parameters: Readonly<Record<string, string>>,
    timeoutSeconds: number,
  ): Promise<{ invokeId: string }>;
  /** DescribeInvocationResults of one invocation (one instance when given); empty while not yet visible */
  describeInvocationResults(invokeId: string, instanceId?: string): Promise<InvocationResult[]>;
}

/** The cloud as a whole: assume a role, then talk to ECS (and the VPC API) as that account. */
export interface CloudPort {
  assumeRole(request: AssumeRoleRequest): Promise<TemporaryCredentials>;
  ecs(credentials: TemporaryCredentials): EcsPort;
  assistant(credentials: TemporaryCredentials): AssistantPort;
  vpc(credentials: TemporaryCredentials): VpcPort;
  /** the Resource Directory as the hub's base identity (resourceDirectory discovery); absent in fakes that never discover */
  directory?(): DirectoryPort;
}

export type { BusEvent, DirectoryAccount, EventBusPort, FunctionsPort, ObjectStorePort, StoredObject };

/**
 * The RAM actions each port method needs: the generated least-privilege policy is built from these
 * (their resources are decided in shared/iam/iam-actions.ts: AuthorizeSecurityGroup is also checked
 * on a referenced source group; UntagResources has no resource-level authorization).
 */
export const RAM_ACTIONS = {
  assumeRole: ['sts:AssumeRole'],
  readGroupAttributes: ['ecs:DescribeSecurityGroupAttribute'],
  describeGroups: ['ecs:DescribeSecurityGroups'],
  describeInstances: ['ecs:DescribeInstances'],
  listInstances: ['ecs:DescribeInstances'],
  authorizeIngress: ['ecs:AuthorizeSecurityGroup'],
  revokeIngress: ['ecs:RevokeSecurityGroup'],
  revokeIngressRules: ['ecs:RevokeSecurityGroup'],
  setRuleDescription: ['ecs:ModifySecurityGroupRule'],
  tagGroups: ['ecs:TagResources'],
  untagGroups: ['ecs:UntagResources'],
  listTaggedGroups: ['ecs:DescribeSecurityGroups'],
  listGroupsNamed: ['ecs:DescribeSecurityGroups'],
  invokeAsync: ['fc:InvokeFunction'],
  findCommands: ['ecs:DescribeCommands'],
  createCommand: ['ecs:CreateCommand'],
  invokeCommand: ['ecs:InvokeCommand'],
  describeInvocationResults: ['ecs:DescribeInvocationResults'],
  describeVpcs: ['vpc:DescribeVpcs'],
  putObject: ['oss:PutObject'],
  getObject: ['oss:GetObject'],
  listObjects: ['oss:ListObjects'],
  putEvents: ['eventbridge:PutEvents'],
  listDirectoryAccounts: ['resourcemanager:ListAccounts', 'resourcemanager:ListAccountsForParent'],
  authorizeEgress: ['ecs:AuthorizeSecurityGroupEgress'],
  revokeEgress: ['ecs:RevokeSecurityGroupEgress'],
  revokeEgressRules: ['ecs:RevokeSecurityGroupEgress'],
  listTaggedPrefixLists: ['ecs:DescribePrefixLists'],
  readPrefixListEntries: ['ecs:DescribePrefixListAttributes'],
  createPrefixList: ['ecs:CreatePrefixList'],
  modifyPrefixListEntries: ['ecs:ModifyPrefixList'],
  deletePrefixList: ['ecs:DeletePrefixList'],
} as const;
