import type { NormalizedConfig } from '../config';
import type { AccountScope } from './account-scopes';
import { actionsOf } from './iam-actions';
import { allow, sortedUnique, type PolicyStatement } from './policy-document';

/** What `verify: true` pairings add to one account's role. */
export interface VerifyScope {
  /** instance ARNs Cloud Assistant probes from (`instance/*` where a group side's member is picked at run time) */
  instances: Set<string>;
  /** RunCommand creates a one-off command: `command/*` of the region */
  commands: Set<string>;
  /** group and tag sides whose probing member is known only at run time */
  runtimeInstanceGroups: Set<string>;
  /** the diagnosis reads every group of a receiving instance, not only the declared one */
  readsAllGroups: Set<string>;
}

const arn = (region: string, accountId: string, resource: string) => `acs:ecs:${region}:${accountId}:${resource}`;

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
      scope.commands.add(arn(pairing.region, side.accountId, 'command/*'));
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

/** RunCommand and DescribeInvocationResults on the probing instances (and `command/*`). */
export function verifyStatements(verify: VerifyScope | undefined): PolicyStatement[] {
  if (!verify || verify.instances.size === 0) return [];
  return [allow(actionsOf('instance-command'), sortedUnique([...verify.instances, ...verify.commands]))];
}
