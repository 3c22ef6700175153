import type { NormalizedConfig, NormalizedPairing } from '../config';

/** The group id a fleet side by name stands for in iam's expansion: any group of the account (`securitygroup/*`). */
export const ANY_GROUP = '*';

/** The security groups one account's role touches, as ARNs; and the instance sides that force a wildcard. */
export interface AccountScope {
  read: Set<string>;
  write: Set<string>;
  /**
   * source groups of the group references written here (AuthorizeSecurityGroup is also authorized
   * against the source group's ARN), those the write scope does not already cover
   */
  references: Set<string>;
  /** instance sides whose receiving group is only known at run time (their first group) */
  runtimeGroupInstances: Set<string>;
  used: boolean;
  /** a pairing with `egress: manage` writes egress rules here (AuthorizeSecurityGroupEgress, RevokeSecurityGroupEgress) */
  egressWrite?: true;
}

const BY_NAME = 'securityGroupName';

/** Why an account's writes are scoped to its `securitygroup/*`: instance or tag sides' first groups, fleet sides' groups by name. */
export function runtimeGroupMessage(alias: string, ids: string, wild: string): string {
  const named = ids.split(', ').includes(BY_NAME);
  const sides = ids
    .split(', ')
    .filter((i) => i !== BY_NAME)
    .join(', ');
  const parts = [
    ...(sides === ''
      ? []
      : [`instance side(s) ${sides} receive in their first security group, known only at run time`]),
    ...(named ? ['a fleet side by securityGroupName writes in the group of that name, found at run time'] : []),
  ];
  return `${parts.join('; ')}: writes in account ${alias} are scoped to ${wild}; name the group with "securityGroup:" on an instance or tag side to narrow them (a group by name has another id in each account)`;
}

const groupArn = (region: string, accountId: string, groupId: string) =>
  `acs:ecs:${region}:${accountId}:securitygroup/${groupId}`;

/**
 * Which groups sg-pairing reads (DescribeSecurityGroupAttribute) and writes (Authorize/Revoke) in
 * each account, mirroring what reconcile does: it reads every group side and the receiving group
 * of each instance side, and writes only the receiving sides. Keyed by account UID.
 */
export function computeAccountScopes(config: NormalizedConfig): Map<string, AccountScope> {
  const scopes = new Map<string, AccountScope>();
  for (const account of Object.values(config.accounts)) {
    if (!scopes.has(account.accountId))
      scopes.set(account.accountId, {
        read: new Set(),
        write: new Set(),
        references: new Set(),
        runtimeGroupInstances: new Set(),
        used: false,
      });
  }
  for (const pairing of config.pairings) {
    pairing.sides.forEach((side, index) => {
      const scope = scopes.get(side.accountId);
      if (!scope) return;
      scope.used = true;
      // egress: manage writes the sender's group too (its egress rules)
      const receives = pairing.direction === 'both' || index === 1 || pairing.egress === 'manage';
      if (pairing.egress === 'manage') scope.egressWrite = true;
      const groupId = side.securityGroupId;
      // a fleet side by name: its group is found at run time (ANY_GROUP in iam's expansion)
      if (groupId === ANY_GROUP && receives) scope.runtimeGroupInstances.add(BY_NAME);
      if (side.kind !== 'group' && groupId === undefined) {
        if (!receives) return; // a sending instance or tag side only needs DescribeInstances
        scope.runtimeGroupInstances.add(
          side.kind === 'instance'
            ? side.instanceId
            : `tags ${Object.entries(side.tags)
                .map(([k, v]) => `${k}=${v}`)
                .join(',')}`,
        );
        const any = groupArn(pairing.region, side.accountId, '*');
        scope.read.add(any);
        scope.write.add(any);
        return;
      }
      if (groupId === undefined) return;
      scope.read.add(groupArn(pairing.region, side.accountId, groupId));
      if (receives) scope.write.add(groupArn(pairing.region, side.accountId, groupId));
    });
    addReferences(pairing, scopes);
  }
  for (const scope of scopes.values()) {
    collapseWildcards(scope.read);
    collapseWildcards(scope.write);
    for (const arn of [...scope.references]) if (covers(scope.write, arn)) scope.references.delete(arn);
  }
  return scopes;
}

/**
 * A group side sends by reference under strategy group, and auto starts from group references: the
 * other side's account then authorizes rules naming the group (`SourceGroupId`), which ECS also
 * checks against that group's ARN in its owner's account (ECS authentication rules,
 * https://www.alibabacloud.com/help/en/elastic-compute-service/latest/authentication-rules).
 */
function addReferences(pairing: NormalizedPairing, scopes: Map<string, AccountScope>): void {
  if (pairing.strategy !== 'auto' && pairing.strategy !== 'group') return;
  const [first, second] = pairing.sides;
  const flows =
    pairing.direction === 'both'
      ? [
          [first, second],
          [second, first],
        ]
      : [[first, second]];
  for (const [source, receiver] of flows) {
    if (source.kind !== 'group') continue;
    scopes.get(receiver.accountId)?.references.add(groupArn(pairing.region, source.accountId, source.securityGroupId));
  }
}

/** An ARN the set names, or a `securitygroup/*` of the set covers. */
function covers(arns: Set<string>, arn: string): boolean {
  return [...arns].some((a) => a === arn || (a.endsWith('/*') && arn.startsWith(a.slice(0, -1))));
}

/** `securitygroup/*` of a region and account covers its specific groups: keep only the wildcard. */
function collapseWildcards(arns: Set<string>): void {
  const wild = [...arns].filter((a) => a.endsWith('securitygroup/*')).map((a) => a.slice(0, -1));
  for (const arn of [...arns])
    if (!arn.endsWith('/*') && wild.some((prefix) => arn.startsWith(prefix))) arns.delete(arn);
}
