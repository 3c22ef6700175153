import type { RamRequest } from './evaluate-policy';

/** One call as the gateway sees it, before the handler runs. */
export interface RamCall {
  /** the product code: ecs, sts, fc */
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
}

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
 * - `acs:ecs:<region>:<uid>:securitygroup/<id>` for group-scoped ECS actions,
 * - `acs:ecs:<region>:<uid>:instance/<id>` (plus the group for Join/Leave) where an instance is named;
 *   RunCommand: each `InstanceId.N` and `command/*`; DescribeInvocationResults: its InstanceId (else `instance/*`);
 *   Tag/UntagResources: each `ResourceId.N` as `<ResourceType>/<id>`,
 * - the RoleArn for sts:AssumeRole, `acs:fc:<region>:<uid>:functions/<name>` for fc:InvokeFunction,
 * - `*` for everything else (list and create actions: DescribeInstances, DescribeSecurityGroups, ...).
 * A resource parameter that is missing is evaluated as `<type>/*`, so only a wildcard grant lets the
 * call through to the handler's own MissingParameter.
 */
export function ramRequestOf(call: RamCall): RamRequest {
  const action = `${call.service}:${call.action}`;
  const ecs = (type: string, id: string | undefined) => `acs:ecs:${call.region}:${call.account}:${type}/${id || '*'}`;
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
  if (call.service === 'ecs' && call.action === 'DescribeInvocationResults')
    return { action, resources: [ecs('instance', call.params.InstanceId)] };
  if (call.service === 'ecs' && (call.action === 'TagResources' || call.action === 'UntagResources')) {
    const type = (call.params.ResourceType ?? '').toLowerCase();
    return { action, resources: listed(call.params, 'ResourceId').map((id) => ecs(type || '*', id)) };
  }
  if (call.service === 'sts' && call.action === 'AssumeRole')
    return { action, resources: [call.params.RoleArn || '*'] };
  if (call.service === 'fc' && call.action === 'InvokeFunction')
    return { action, resources: [`acs:fc:${call.region}:${call.account}:functions/${decoded(call.functionName)}`] };
  return { action, resources: ['*'] };
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
