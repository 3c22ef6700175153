import type { NormalizedConfig } from '../config';
import { verifyCommandSpec } from '../verify/verify-command';
import type { AccountScope } from './account-scopes';
import { actionsOf } from './iam-actions';
import { allow, sortedUnique, type PolicyStatement } from './policy-document';

/** What `verify: true` pairings add to one account's role. */
export interface VerifyScope {
  /** instance ARNs Cloud Assistant probes from (`instance/*` where a group side's member is picked at run time) */
  instances: Set<string>;
  /**
   * the account's verify command: `command/<verifyCommandId>`, or `command/<verify-command-id>` (a
   * placeholder) while the config declares none; never `command/*`
   */
  commands: Set<string>;
  /** the account declares no verifyCommandId: its ARN is the placeholder */
  commandUndeclared: boolean;
  /** group and tag sides whose probing member is known only at run time */
  runtimeInstanceGroups: Set<string>;
  /** the diagnosis reads every group of a receiving instance, not only the declared one */
  readsAllGroups: Set<string>;
}

const arn = (region: string, accountId: string, resource: string) => `acs:ecs:${region}:${accountId}:${resource}`;

/** Stands for the CommandId in the policy until the account declares `verifyCommandId`. */
export const VERIFY_COMMAND_PLACEHOLDER = '<verify-command-id>';

/**
 * Per account UID, the Cloud Assistant grants of the pairings that opt in with `verify: true`
 * (none otherwise): a probe runs on one instance of each sending side (both sides, or the first one
 * for first-to-second), and its diagnosis reads every group of the receiving instances.
 */
export function computeVerifyScopes(config: NormalizedConfig): Map<string, VerifyScope> {
  const scopes = new Map<string, VerifyScope>();
  const scopeOf = (accountId: string) => {
    let scope = scopes.get(accountId);
    if (!scope)
      scopes.set(
        accountId,
        (scope = {
          instances: new Set(),
          commands: new Set(),
          commandUndeclared: false,
          runtimeInstanceGroups: new Set(),
          readsAllGroups: new Set(),
        }),
      );
    return scope;
  };
  for (const pairing of config.pairings) {
    if (pairing.verify !== true) continue;
    pairing.sides.forEach((side, index) => {
      const scope = scopeOf(side.accountId);
      const sends = pairing.direction === 'both' || index === 0;
      const receives = pairing.direction === 'both' || index === 1;
      if (receives) scope.readsAllGroups.add(arn(pairing.region, side.accountId, 'securitygroup/*'));
      if (!sends) return;
      // InvokeCommand is authorized on the command and the instances (the ECS RAM authorization of
      // InvokeCommand: resource types Command and Instance; the name is not in the command's ARN)
      const commandId = Object.values(config.accounts).find((a) => a.accountId === side.accountId)?.verifyCommandId;
      scope.commandUndeclared ||= commandId === undefined;
      scope.commands.add(arn(pairing.region, side.accountId, `command/${commandId ?? VERIFY_COMMAND_PLACEHOLDER}`));
      if (side.kind === 'instance') {
        scope.instances.add(arn(pairing.region, side.accountId, `instance/${side.instanceId}`));
      } else {
        scope.instances.add(arn(pairing.region, side.accountId, 'instance/*'));
        scope.runtimeInstanceGroups.add(
          side.kind === 'group'
            ? `group ${side.securityGroupId}`
            : `tags ${Object.entries(side.tags)
                .map(([k, v]) => `${k}=${v}`)
                .join(',')}`,
        );
      }
    });
  }
  for (const scope of scopes.values()) {
    const wild = [...scope.instances].filter((a) => a.endsWith('instance/*')).map((a) => a.slice(0, -1));
    for (const a of [...scope.instances])
      if (!a.endsWith('/*') && wild.some((prefix) => a.startsWith(prefix))) scope.instances.delete(a);
  }
  return scopes;
}

/** The diagnosis reads every group of the receiving instances: widen the account's reads to `securitygroup/*`. */
export function widenGroupReads(scope: AccountScope, verify: VerifyScope | undefined): void {
  for (const wildcard of verify?.readsAllGroups ?? []) {
    const prefix = wildcard.slice(0, -1);
    for (const a of [...scope.read]) if (a.startsWith(prefix)) scope.read.delete(a);
    scope.read.add(wildcard);
  }
}

/** InvokeCommand and DescribeInvocationResults on the account's verify command and the probing instances. */
export function verifyStatements(verify: VerifyScope | undefined): PolicyStatement[] {
  if (!verify || verify.instances.size === 0) return [];
  return [allow(actionsOf('instance-command'), sortedUnique([...verify.instances, ...verify.commands]))];
}

/** The bootstrap of one account's verify command: what CreateCommand is called with, once, by an admin. */
export interface VerifyCommandTemplate {
  alias: string;
  accountId: string;
  region: string;
  /** declared in the config: already created */
  commandId?: string;
  name: string;
  description: string;
  type: 'RunShellScript';
  enableParameter: true;
  contentEncoding: 'Base64';
  /** the fixed probe script, Base64 */
  commandContent: string;
  timeout: number;
  /** the same call with the aliyun CLI, run with the account admin's credentials */
  createWith: string;
}

/**
 * One template per account that sends verify probes: CreateCommand's parameters
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createcommand).
 */
export function verifyCommandTemplates(
  config: NormalizedConfig,
  verify: Map<string, VerifyScope>,
): VerifyCommandTemplate[] {
  const spec = verifyCommandSpec(config.name);
  const commandContent = Buffer.from(spec.script, 'utf8').toString('base64');
  return Object.values(config.accounts)
    .filter((a) => (verify.get(a.accountId)?.commands.size ?? 0) > 0)
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0))
    .map((a) => ({
      alias: a.alias,
      accountId: a.accountId,
      region: config.region,
      ...(a.verifyCommandId === undefined ? {} : { commandId: a.verifyCommandId }),
      name: spec.name,
      description: spec.description,
      type: 'RunShellScript',
      enableParameter: true,
      contentEncoding: 'Base64',
      commandContent,
      timeout: spec.timeoutSeconds,
      createWith: [
        'aliyun ecs CreateCommand',
        `--RegionId ${config.region}`,
        `--Name ${spec.name}`,
        '--Type RunShellScript --EnableParameter true --ContentEncoding Base64',
        `--Timeout ${spec.timeoutSeconds}`,
        `--Description '${spec.description}'`,
        `--CommandContent ${commandContent}`,
      ].join(' '),
    }));
}
