import type { RamRequest } from './evaluate-policy';

/** One call as the gateway sees it, before the handler runs. */
export interface RamCall {
  /** the product code: ecs, sts, vpc, fc */
  service: string;
  /** the API action, e.g. AuthorizeSecurityGroup */
  action: string;
  /** decoded request parameters (wire names) */
  params: Readonly<Record<string, string>>;
  /** FC InvokeFunction: the function named in the path (URL-encoded, as on the wire) */
  functionName?: string;
  region: string;
  /** the account the call acts in (the ARN's account) */
  account: string;
  /** the UID of an account named by UID or by name (SourceGroupOwnerAccount); undefined when unknown */
  accountOf?: (nameOrUid: string) => string | undefined;
}

/**
 * ECS actions with no resource-level authorization ("All Resources" in the RAM section of their API
 * page): authorized against `*` only, so a statement scoped to securitygroup ARNs does not allow them.
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-untagresources
 */
const UNSCOPED_ACTIONS = new Set(['UntagResources']);
/** ECS actions authorized on the security group named by SecurityGroupId. */
const GROUP_ACTIONS = new Set([
  'AuthorizeSecurityGroup',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroup',
  'RevokeSecurityGroupEgress',
  'DescribeSecurityGroupAttribute',
  'ModifySecurityGroupRule',
  'ModifySecurityGroupPolicy',
  'ModifySecurityGroupAttribute',
  'DeleteSecurityGroup',
]);
/**
 * ECS actions authorized on the prefix list named by PrefixListId, `acs:ecs:<region>:<uid>:prefixlist/<id>`
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-deleteprefixlist, RAM
 * section); CreatePrefixList and DescribePrefixLists are authorized on `*` (UNCONFIRMED, COVERAGE-ecs.md).
 */
const PREFIX_LIST_ACTIONS = new Set([
  'ModifyPrefixList',
  'DeletePrefixList',
  'DescribePrefixListAttributes',
  'DescribePrefixListAssociations',
]);
/** ECS actions authorized on the instance named by InstanceId (and the group, when one is named too). */
const INSTANCE_ACTIONS = new Set([
  'StartInstance',
  'StopInstance',
  'RebootInstance',
  'DeleteInstance',
  'JoinSecurityGroup',
  'LeaveSecurityGroup',
]);

/**
 * The RAM action and resource ARNs of a call: `<service>:<Action>` on
 * - `acs:ecs:<region>:<uid>:securitygroup/<id>` for group-scoped ECS actions; AuthorizeSecurityGroup
 *   also each source group it references, `acs:ecs:<region>:<owner>:securitygroup/<SourceGroupId>`,
 * - `acs:ecs:<region>:<uid>:instance/<id>` (plus the group for Join/Leave) where an instance is named;
 *   RunCommand: each `InstanceId.N` and `command/*`; InvokeCommand: `command/<CommandId>` and each
 *   `InstanceId.N`; CreateCommand: `command/*`; DescribeInvocationResults: its InstanceId (else `instance/*`);
 *   TagResources: each `ResourceId.N` as `<ResourceType>/<id>`,
 * - `acs:vpc:<region>:<uid>:vpc/<id>` for each VpcId of vpc:DescribeVpcs (`vpc/*` when none),
 * - the RoleArn for sts:AssumeRole, `acs:fc:<region>:<uid>:functions/<name>` for fc:InvokeFunction,
 * - `*` for UntagResources (no resource-level authorization) and everything else (list and create
 *   actions: DescribeInstances, DescribeSecurityGroups, ...).
 * A resource parameter that is missing is evaluated as `<type>/*`, so only a wildcard grant lets the
 * call through to the handler's own MissingParameter.
 */
export function ramRequestOf(call: RamCall): RamRequest {
  const action = `${call.service}:${call.action}`;
  const ecs = (type: string, id: string | undefined) => `acs:ecs:${call.region}:${call.account}:${type}/${id || '*'}`;
  if (call.service === 'ecs' && UNSCOPED_ACTIONS.has(call.action)) return { action, resources: ['*'] };
  if (call.service === 'ecs' && call.action === 'AuthorizeSecurityGroup') {
    const group = ecs('securitygroup', call.params.SecurityGroupId);
    return { action, resources: [...new Set([group, ...sourceGroupArns(call)])] };
  }
  if (call.service === 'ecs' && PREFIX_LIST_ACTIONS.has(call.action))
    return { action, resources: [ecs('prefixlist', call.params.PrefixListId)] };
  if (call.service === 'ecs' && GROUP_ACTIONS.has(call.action))
    return { action, resources: [ecs('securitygroup', call.params.SecurityGroupId)] };
  if (call.service === 'ecs' && INSTANCE_ACTIONS.has(call.action)) {
    const group =
      call.action === 'JoinSecurityGroup' || call.action === 'LeaveSecurityGroup'
        ? [ecs('securitygroup', call.params.SecurityGroupId)]
        : [];
    return { action, resources: [ecs('instance', call.params.InstanceId), ...group] };
  }
  if (call.service === 'ecs' && call.action === 'RunCommand') {
    // the instances it runs on, and the one-off command it creates
    return {
      action,
      resources: [...listed(call.params, 'InstanceId').map((id) => ecs('instance', id)), ecs('command', undefined)],
    };
  }
  if (call.service === 'ecs' && call.action === 'InvokeCommand') {
    // the command it runs and the instances it runs on (InvokeCommand's RAM authorization: resource
    // types Command and Instance; a command's ARN holds its id, never its name)
    return {
      action,
      resources: [
        ecs('command', call.params.CommandId),
        ...listed(call.params, 'InstanceId').map((id) => ecs('instance', id)),
      ],
    };
  }
  if (call.service === 'ecs' && call.action === 'CreateCommand')
    return { action, resources: [ecs('command', undefined)] };
  if (call.service === 'ecs' && call.action === 'DescribeInvocationResults')
    return { action, resources: [ecs('instance', call.params.InstanceId)] };
  if (call.service === 'ecs' && call.action === 'TagResources') {
    const type = (call.params.ResourceType ?? '').toLowerCase();
    return { action, resources: listed(call.params, 'ResourceId').map((id) => ecs(type || '*', id)) };
  }
  if (call.service === 'vpc' && call.action === 'DescribeVpcs') {
    // list level on acs:vpc:<region>:<uid>:vpc/* or vpc/<id>
    // (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-describevpcs)
    const ids = (call.params.VpcId ?? '').split(',').filter((id) => id.trim() !== '');
    const vpc = (id: string) => `acs:vpc:${call.region}:${call.account}:vpc/${id.trim()}`;
    return { action, resources: ids.length > 0 ? ids.map(vpc) : [vpc('*')] };
  }
  if (call.service === 'sts' && call.action === 'AssumeRole')
    return { action, resources: [call.params.RoleArn || '*'] };
  if (call.service === 'oss') {
    // objects: acs:oss:*:<uid>:<bucket>/<key>; ListObjects: the bucket narrowed to the listed prefix
    // (`<bucket>/<prefix>`, standing for OSS's oss:Prefix condition, which this evaluator does not read)
    // (https://www.alibabacloud.com/help/en/oss/user-guide/ram-policy-overview; COVERAGE-oss.md)
    const path = call.action === 'ListObjects' ? (call.params.prefix ?? '') : (call.params.key ?? '');
    return { action, resources: [`acs:oss:*:${call.account}:${call.params.bucket ?? '*'}/${path}`] };
  }
  if (call.service === 'fc' && call.action === 'InvokeFunction')
    return { action, resources: [`acs:fc:${call.region}:${call.account}:functions/${decoded(call.functionName)}`] };
  return { action, resources: ['*'] };
}

/**
 * The source groups an AuthorizeSecurityGroup call references (`Permissions.N.SourceGroupId`, or the
 * deprecated top-level field; a CIDR source wins, as in the handler), each in its owner's account:
 * SourceGroupOwnerId, else SourceGroupOwnerAccount (UID or name), else the caller's. The ECS RAM
 * authentication rules list the source group's ARN beside the group's for this action:
 * https://www.alibabacloud.com/help/en/elastic-compute-service/latest/authentication-rules
 */
function sourceGroupArns(call: RamCall): string[] {
  const permissions = new Map<string, Record<string, string>>();
  for (const [key, value] of Object.entries(call.params)) {
    const m = /^Permissions\.(\d+)\.(\w+)$/.exec(key);
    if (m) permissions.set(m[1], { ...permissions.get(m[1]), [m[2]]: value });
  }
  const sources = permissions.size > 0 ? [...permissions.values()] : [call.params];
  return sources
    .filter((p) => !p.SourceCidrIp && p.SourceGroupId)
    .map((p) => {
      const owner =
        p.SourceGroupOwnerId ||
        (p.SourceGroupOwnerAccount && (call.accountOf?.(p.SourceGroupOwnerAccount) ?? p.SourceGroupOwnerAccount)) ||
        call.account;
      return `acs:ecs:${call.region}:${owner}:securitygroup/${p.SourceGroupId}`;
    });
}

function decoded(name: string | undefined): string {
  if (name === undefined) return '*';
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** `Name.1`, `Name.2`, ... (the RPC wire form of a list); `*` when none is given. */
function listed(params: Readonly<Record<string, string>>, name: string): (string | undefined)[] {
  const values = Object.keys(params)
    .filter((k) => k.startsWith(`${name}.`) && /^\d+$/.test(k.slice(name.length + 1)))
    .sort((a, b) => Number(a.slice(name.length + 1)) - Number(b.slice(name.length + 1)))
    .map((k) => params[k]);
  return values.length > 0 ? values : [undefined];
}
