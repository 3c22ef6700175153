import { discoveredAlias, withDiscoveredAccounts, type NormalizedConfig } from '../config';
import { ANY_GROUP } from './account-scopes';
import type { AccountIam } from './compute-iam-plan';
import { actionsOf } from './iam-actions';
import { allow, type PolicyDocument, type PolicyStatement } from './policy-document';

/**
 * The account id that stands for "any member of the Resource Directory": in RAM ARNs `*` matches
 * every account, and a member's role acts in its own account only, so a member policy written for
 * `*` grants in each member exactly what one written for its own id would (docs/security.md).
 */
export const ANY_MEMBER = '*';

/** The role every discovered member carries: one template for all of them (ROS StackGroups deploy it). */
export interface FleetMemberIam {
  /** the role's name in each member (resourceDirectory.roleName, else the top-level roleName) */
  roleName: string;
  externalId?: string;
  trustPolicy: PolicyDocument;
  /** valid in any member: the ARNs name account `*` */
  permissionPolicy: PolicyDocument;
}

/**
 * With `resourceDirectory`, the config as iam computes it: a stand-in member (account `*`) added, so
 * every fleet pairing expands over it too. The declared accounts' policies then also cover the
 * discovered ones (their references to members' groups name account `*`), the hub may assume the
 * member role in any account, and the stand-in's documents are the member template. A fleet side by
 * name expands in every account to group `*` (found at run time). Without `resourceDirectory` no
 * member is added.
 */
export function withAnyMember(config: NormalizedConfig): NormalizedConfig {
  // a fleet side by name finds its group at run time: any group of each account (securitygroup/*)
  const anyGroup = () => ANY_GROUP;
  if (config.directory === undefined) return withDiscoveredAccounts(config, [], anyGroup);
  return withDiscoveredAccounts(config, [{ accountId: ANY_MEMBER, displayName: 'any member' }], anyGroup);
}

/** The hub lists the directory's members (list-level reads: the 2020-03-31 API reference grants them on "All Resources"). */
export function directoryStatements(config: NormalizedConfig): PolicyStatement[] {
  return config.directory === undefined ? [] : [allow(actionsOf('directory'), ['*'])];
}

/** The declared accounts' documents, and the stand-in member's as the template for every discovered one. */
export function splitFleetMember(
  config: NormalizedConfig,
  accounts: AccountIam[],
): { declared: AccountIam[]; fleetMember?: FleetMemberIam } {
  const alias = discoveredAlias(ANY_MEMBER);
  const member = accounts.find((a) => a.alias === alias);
  const declared = accounts.filter((a) => a.alias !== alias);
  if (member === undefined || config.directory === undefined) return { declared };
  return {
    declared,
    fleetMember: {
      roleName: config.directory.roleName,
      ...(member.externalId === undefined ? {} : { externalId: member.externalId }),
      trustPolicy: member.trustPolicy,
      permissionPolicy: member.permissionPolicy,
    },
  };
}
