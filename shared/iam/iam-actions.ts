import { RAM_ACTIONS } from '../cloud/port';

/**
 * Where each port method's RAM actions are granted. `satisfies` makes a new port method a compile
 * error here until someone decides its scope, so the policy can never silently miss an action.
 * - assume / invoke: the hub function's own role (on the declared roles / on the worker function);
 * - group-read / group-write: scoped to the security groups sg-pairing reads / writes;
 * - list: Describe calls that take lists of IDs, granted on "*";
 * - unscoped: actions with no resource-level authorization ("All Resources" in the RAM section of
 *   their API page), granted on "*" in the accounts sg-pairing writes in: UntagResources
 *   (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-untagresources);
 * - group-migrate: like group-write, only for a config that declares a deploymentId (the migration's rewrite);
 * - instance-command: Cloud Assistant (verify), granted only when a pairing opts in with
 *   `verify: true`, on the account's verify command and the instances it probes from (see verify-scopes.ts);
 * - verify-setup: finding and creating that command (DescribeCommands, CreateCommand), never granted
 *   to the role: an admin creates the command once (the `iam` output prints how), or grants them for a
 *   first run that creates it. A role allowed CreateCommand and InvokeCommand on `command/*` could run
 *   any script, which is what the fixed command avoids;
 * - prefix-list: the owned prefix lists of strategy prefix-list, on `prefixlist/*` of the accounts
 *   where such a pairing receives (see prefixListStatements).
 */
export const ACTION_SCOPES = {
  assumeRole: 'assume',
  readGroupAttributes: 'group-read',
  describeGroups: 'list',
  describeInstances: 'list',
  listInstances: 'list',
  authorizeIngress: 'group-write',
  revokeIngress: 'group-write',
  revokeIngressRules: 'group-write',
  // a legacy marker rewritten with the deployment id (docs/configuration.md "Deployment identity"): granted on
  // the written groups, only to a deployment that declares an id; its RAM resource is the group in one reading of
  // the docs and "All Resources" in the newest page: a refusal only leaves the legacy marker, still owned where
  // the record says so (emulator/COVERAGE-ram.md)
  setRuleDescription: 'group-migrate',
  // the tag record (rules/rule-description.ts) is written where rules are: the groups sg-pairing writes
  tagGroups: 'group-write',
  untagGroups: 'unscoped',
  listTaggedGroups: 'list',
  // a fleet side by name (securityGroupName): DescribeSecurityGroups on "*", like the other listings
  listGroupsNamed: 'list',
  invokeAsync: 'invoke',
  findCommands: 'verify-setup',
  createCommand: 'verify-setup',
  invokeCommand: 'instance-command',
  describeInvocationResults: 'instance-command',
  // DescribeVpcs: the CIDR blocks members' addresses must lie in; list level, on vpc/* or "*"
  // (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-describevpcs)
  describeVpcs: 'list',
  // the run history (SG_PAIRING_HISTORY) and the events out (SG_PAIRING_EVENT_BUS): the hub's own role,
  // granted only when configured, on that prefix of that bucket / on that bus
  putObject: 'history',
  getObject: 'history',
  listObjects: 'history-list',
  putEvents: 'events',
  // the hub's own identity lists the Resource Directory's members (resourceDirectory in the config)
  listDirectoryAccounts: 'directory',
  // egress: manage writes the sender's group like ingress writes the receiver's
  authorizeEgress: 'egress-write',
  revokeEgress: 'egress-write',
  revokeEgressRules: 'egress-write',
  // strategy prefix-list, only in the accounts such a pairing acts in (prefix-list-scope.ts): listing
  // and creating on "*", the rest on the account's prefixlist/* (ids are known only once created;
  // DeletePrefixList's RAM section: acs:ecs:{regionId}:{accountId}:prefixlist/{PrefixListId},
  // https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-deleteprefixlist)
  listTaggedPrefixLists: 'prefix-list-create',
  createPrefixList: 'prefix-list-create',
  readPrefixListEntries: 'prefix-list',
  modifyPrefixListEntries: 'prefix-list',
  deletePrefixList: 'prefix-list',
} as const satisfies Record<
  keyof typeof RAM_ACTIONS,
  | 'assume'
  | 'invoke'
  | 'group-read'
  | 'group-write'
  | 'group-migrate'
  | 'egress-write'
  | 'list'
  | 'unscoped'
  | 'instance-command'
  | 'verify-setup'
  | 'history'
  | 'history-list'
  | 'events'
  | 'directory'
  | 'prefix-list'
  | 'prefix-list-create'
>;

/**
 * What a rule naming a source group (SourceGroupId) is also authorized against, on that group's ARN:
 * AuthorizeSecurityGroup (ECS authentication rules,
 * https://www.alibabacloud.com/help/en/elastic-compute-service/latest/authentication-rules).
 */
export const SOURCE_GROUP_ACTIONS: readonly string[] = RAM_ACTIONS.authorizeIngress;

export type ActionScope = (typeof ACTION_SCOPES)[keyof typeof ACTION_SCOPES];

/** The RAM actions of one scope, sorted. */
export function actionsOf(scope: ActionScope): string[] {
  const methods = Object.keys(ACTION_SCOPES) as (keyof typeof RAM_ACTIONS)[];
  return [...new Set(methods.filter((m) => ACTION_SCOPES[m] === scope).flatMap((m) => RAM_ACTIONS[m]))].sort();
}
