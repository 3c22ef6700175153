import type { NormalizedAccount, NormalizedConfig } from '../config';
import { roleArnAccountId } from '../config/patterns';
import { FAILURE_QUEUE, HUB_ROLE_PLACEHOLDER, WORKER_FUNCTION } from '../deployed-names';
import { computeAccountScopes, runtimeGroupMessage, type AccountScope } from './account-scopes';
import { directoryStatements, splitFleetMember, withAnyMember, type FleetMemberIam } from './fleet-member';
import type { HistoryLocation } from '../history';
import { historyStatements } from './history-statements';
import { actionsOf, SOURCE_GROUP_ACTIONS } from './iam-actions';
import { prefixListStatements } from './prefix-list-scope';
import { allow, policy, sortedUnique, type PolicyDocument, type PolicyStatement } from './policy-document';
import {
  computeVerifyScopes,
  verifyCommandTemplates,
  verifyStatements,
  widenGroupReads,
  type VerifyCommandTemplate,
  type VerifyScope,
  VERIFY_COMMAND_PLACEHOLDER,
} from './verify-scopes';

export interface IamWarning {
  code:
    | 'HubRolePlaceholder'
    | 'LogProjectPlaceholder'
    | 'RuntimeReceivingGroup'
    | 'AccountUnused'
    | 'VerifyRuntimeInstance'
    | 'VerifyReadsAllGroups'
    | 'VerifyCommandUndeclared';
  account?: string;
  message: string;
}

export interface AccountIam {
  alias: string;
  accountId: string;
  roleArn: string;
  externalId?: string;
  /** on the role in this account: who may assume it */
  trustPolicy: PolicyDocument;
  /** attached to the role in this account: what sg-pairing does there */
  permissionPolicy: PolicyDocument;
}

/** Every RAM document a deployment needs: the hub function's role, and one role per declared account. */
export interface IamPlan {
  version: 1;
  deployment: string;
  region: string;
  hub: {
    roleArn: string;
    placeholder: boolean;
    workerFunction: string;
    trustPolicy: PolicyDocument;
    permissionPolicy: PolicyDocument;
  };
  accounts: AccountIam[];
  /** with resourceDirectory: the role of every discovered member (one template, valid in any member account) */
  fleetMember?: FleetMemberIam;
  /** the verify command each probing account needs (created once by an admin: the bootstrap step) */
  verifyCommands: VerifyCommandTemplate[];
  warnings: IamWarning[];
}

export interface IamOptions {
  /** the hub function's execution role; a marked placeholder when absent */
  hubRoleArn?: string;
  /** the function the fan-out invokes (default sg-pairing-reconcile-worker) */
  workerFunction?: string;
  /** the SLS project the functions log to (s.yaml `logConfig`); a marked placeholder when absent */
  logProject?: string;
  /** the logstore in it (default: any logstore of that project) */
  logStore?: string;
  /** SG_PAIRING_HISTORY: oss:PutObject/GetObject on that prefix, oss:ListObjects on its bucket for that prefix */
  history?: HistoryLocation;
  /** SG_PAIRING_EVENT_BUS: eventbridge:PutEvents on that bus */
  eventBus?: string;
}

/** Stands for the log project in the hub policy until `--log-project` names it. */
export const LOG_PROJECT_PLACEHOLDER = '<log-project>';

/** SLS names: a project 3..63 of [a-z0-9-], a logstore 2..63 of [a-z0-9_-], no wildcard (the docs' rules). */
export const logProjectPattern = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
export const logStorePattern = /^[a-z0-9][a-z0-9_-]{0,61}[a-z0-9]$/;

/**
 * Pure: the least-privilege documents for a config. Actions come from RAM_ACTIONS (what the port
 * methods call); group actions are scoped to the declared groups, list Describes to "*".
 */
export function computeIamPlan(given: NormalizedConfig, options: IamOptions = {}): IamPlan {
  const config = withAnyMember(given);
  const hub = hubRole(options);
  const scopes = computeAccountScopes(config);
  const verify = computeVerifyScopes(config);
  const warnings: IamWarning[] = [
    ...(hub.placeholder ? [placeholderWarning()] : []),
    ...(options.logProject === undefined ? [logProjectWarning()] : []),
  ];
  const accounts = Object.values(config.accounts)
    .slice()
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0))
    .map((account): AccountIam => {
      const scope = scopes.get(account.accountId)!;
      const verifyScope = verify.get(account.accountId);
      warnings.push(
        ...scopeWarnings(account.alias, account.accountId, scope),
        ...verifyWarnings(account.alias, verifyScope),
      );
      widenGroupReads(scope, verifyScope);
      const iam = accountIam(account, scope, verifyScope, hub.roleArn, config.deploymentId !== undefined);
      iam.permissionPolicy.Statement.push(...prefixListStatements(config, account.accountId));
      return iam;
    });
  const { declared, fleetMember } = splitFleetMember(config, accounts);
  return {
    version: 1,
    deployment: config.name,
    region: config.region,
    hub: {
      roleArn: hub.roleArn,
      placeholder: hub.placeholder,
      workerFunction: hub.workerFunction,
      trustPolicy: policy({ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['fc.aliyuncs.com'] } }),
      permissionPolicy: policy(...hubStatements(config, hub, options)),
    },
    accounts: declared,
    ...(fleetMember === undefined ? {} : { fleetMember }),
    verifyCommands: verifyCommandTemplates(config, verify),
    warnings,
  };
}

interface HubRole {
  readonly roleArn: string;
  readonly placeholder: boolean;
  /** the account of the hub role ('<hub-account-id>' while it is the placeholder) */
  readonly uid: string;
  readonly workerFunction: string;
}

function hubRole(options: IamOptions): HubRole {
  const roleArn = options.hubRoleArn ?? HUB_ROLE_PLACEHOLDER;
  return {
    roleArn,
    placeholder: options.hubRoleArn === undefined,
    uid: roleArnAccountId(roleArn) ?? '<hub-account-id>',
    workerFunction: options.workerFunction ?? WORKER_FUNCTION,
  };
}

function placeholderWarning(): IamWarning {
  return {
    code: 'HubRolePlaceholder',
    message: `no hub role given (--hub-role-arn or SG_PAIRING_HUB_ROLE_ARN): the trust policies name the placeholder ${HUB_ROLE_PLACEHOLDER}; replace it before creating the roles`,
  };
}

function logProjectWarning(): IamWarning {
  return {
    code: 'LogProjectPlaceholder',
    message: `no log project given (--log-project or SG_PAIRING_LOG_PROJECT): log:PostLogStoreLogs names the placeholder ${LOG_PROJECT_PLACEHOLDER}; pass the project of s.yaml's logConfig (after a first deploy with logConfig: auto, \`s info\` shows the one FC created)`,
  };
}

/**
 * The functions' logs (s.yaml `logConfig`): FC ships them with the function role, into one project
 * (and logstore) of the hub account, never any project.
 * https://www.alibabacloud.com/help/en/sls/action-list (resource acs:log:<region>:<account>:project/<p>/logstore/<l>)
 */
function logResource(config: NormalizedConfig, hub: HubRole, options: IamOptions): string {
  const project = options.logProject ?? LOG_PROJECT_PLACEHOLDER;
  return `acs:log:${config.region}:${hub.uid}:project/${project}/logstore/${options.logStore ?? '*'}`;
}

/** What the hub function's own role does: assume the account roles, fan out, ship failures and logs. */
function hubStatements(config: NormalizedConfig, hub: HubRole, options: IamOptions): PolicyStatement[] {
  return [
    allow(
      actionsOf('assume'),
      Object.values(config.accounts).map((a) => a.roleArn),
    ),
    allow(actionsOf('invoke'), [`acs:fc:${config.region}:${hub.uid}:functions/${hub.workerFunction}`]),
    // s.yaml: the worker's failed async invocations go to this queue, sent with the function role
    allow(['mns:SendMessage'], [`acs:mns:${config.region}:${hub.uid}:/queues/${FAILURE_QUEUE}/messages`]),
    allow(['log:PostLogStoreLogs'], [logResource(config, hub, options)]),
    ...historyStatements(hub, options.history),
    ...(options.eventBus === undefined
      ? []
      : [allow(actionsOf('events'), [`acs:eventbridge:${config.region}:${hub.uid}:eventbus/${options.eventBus}`])]),
    ...directoryStatements(config),
  ];
}

/** One account's role: trusted by the hub role (with its ExternalId), scoped to the account's groups. */
function accountIam(
  account: NormalizedAccount,
  scope: AccountScope,
  verify: VerifyScope | undefined,
  hubRoleArn: string,
  /** the config declares a deploymentId: its migration rewrites legacy markers (ModifySecurityGroupRule) */
  migrates: boolean,
): AccountIam {
  const trust: PolicyStatement = { Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { RAM: [hubRoleArn] } };
  if (account.externalId !== undefined) trust.Condition = { StringEquals: { 'sts:ExternalId': account.externalId } };
  return {
    alias: account.alias,
    accountId: account.accountId,
    roleArn: account.roleArn,
    ...(account.externalId === undefined ? {} : { externalId: account.externalId }),
    trustPolicy: policy(trust),
    permissionPolicy: policy(
      ...groupStatements(scope, migrates),
      ...sourceGroupAndUnscopedStatements(scope),
      ...verifyStatements(verify),
      allow(actionsOf('list'), ['*']),
    ),
  };
}

/** One statement when reads and writes cover the same groups, else reads and writes apart. */
function groupStatements(scope: AccountScope, migrates: boolean): PolicyStatement[] {
  const read = sortedUnique(scope.read);
  const write = sortedUnique(scope.write);
  // the egress writes only where a pairing asks for egress: manage (least privilege)
  const writes = [
    ...actionsOf('group-write'),
    ...(migrates ? actionsOf('group-migrate') : []),
    ...(scope.egressWrite ? actionsOf('egress-write') : []),
  ].sort();
  if (read.length === 0) return [];
  if (read.join() === write.join()) return [allow([...actionsOf('group-read'), ...writes], read)];
  return [allow(actionsOf('group-read'), read), ...(write.length > 0 ? [allow(writes, write)] : [])];
}

/**
 * Where sg-pairing writes: AuthorizeSecurityGroup on the source groups its references name (in
 * their owners' accounts), and the actions without resource-level authorization (UntagResources) on "*".
 */
function sourceGroupAndUnscopedStatements(scope: AccountScope): PolicyStatement[] {
  if (scope.write.size === 0) return [];
  return [
    ...(scope.references.size > 0 ? [allow(SOURCE_GROUP_ACTIONS, scope.references)] : []),
    allow(actionsOf('unscoped'), ['*']),
  ];
}

function scopeWarnings(alias: string, accountId: string, scope: AccountScope): IamWarning[] {
  const out: IamWarning[] = [];
  if (!scope.used)
    out.push({
      code: 'AccountUnused',
      account: alias,
      message: `account ${alias} (${accountId}) is in no pairing: sg-pairing never assumes its role`,
    });
  if (scope.runtimeGroupInstances.size > 0) {
    const ids = sortedUnique(scope.runtimeGroupInstances).join(', ');
    const wild = sortedUnique(scope.write)
      .filter((a) => a.endsWith('/*'))
      .join(', ');
    out.push({
      code: 'RuntimeReceivingGroup',
      account: alias,
      message: runtimeGroupMessage(alias, ids, wild),
    });
  }
  return out;
}

/** Opt-in verify (`verify: true`): where its grants are wider than one named resource, and why. */
function verifyWarnings(alias: string, verify: VerifyScope | undefined): IamWarning[] {
  if (!verify) return [];
  const out: IamWarning[] = [];
  if (verify.runtimeInstanceGroups.size > 0) {
    const groups = sortedUnique(verify.runtimeInstanceGroups).join(', ');
    const wild = sortedUnique(verify.instances)
      .filter((a) => a.endsWith('/*'))
      .join(', ');
    out.push({
      code: 'VerifyRuntimeInstance',
      account: alias,
      message: `verify probes from one Running instance of ${groups}, picked at run time: ecs:InvokeCommand in account ${alias} is scoped to ${wild}; use instance sides to narrow it`,
    });
  }
  if (verify.commandUndeclared) {
    out.push({
      code: 'VerifyCommandUndeclared',
      account: alias,
      message: `account ${alias} declares no verifyCommandId: ecs:InvokeCommand is granted on the placeholder command/${VERIFY_COMMAND_PLACEHOLDER}; create the verify command once (see "Verify command" below) and set accounts.${alias}.verifyCommandId to its CommandId`,
    });
  }
  if (verify.readsAllGroups.size > 0) {
    out.push({
      code: 'VerifyReadsAllGroups',
      account: alias,
      message: `verify diagnoses a blocked probe from every security group of the receiving instances: ecs:DescribeSecurityGroupAttribute in account ${alias} is granted on ${sortedUnique(verify.readsAllGroups).join(', ')} (read only)`,
    });
  }
  return out;
}
