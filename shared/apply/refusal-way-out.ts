import type { ChangeResult } from './apply-group-changes';

/**
 * The cloud refuses some writes the plan let through: the reference limit counted another way (the
 * docs disagree: 20 referenced groups, or 20 rules that reference groups), a group gone enterprise,
 * rules added by someone else since the read. The cloud's message names none of the ways out, and
 * its codes have changed and differ between pages, so the refusal is known by the family of its
 * code, old spellings included, and the report adds the way out the plan would have named.
 * Codes: the error tables of AuthorizeSecurityGroupEgress and RevokeSecurityGroup
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroupegress).
 */
const WAYS_OUT: readonly { code: RegExp; wayOut: string }[] = [
  {
    // AuthorizedGroupRule.LimitExceed (the egress table; the ingress page names none), or a quota named after references
    code: /^AuthorizedGroupRule\.|SecurityGroupReference/,
    wayOut:
      'the group is at its limit of rules that reference security groups; use strategy addresses or cidr (no reference) for this pairing, or free references in the group',
  },
  {
    // InvalidGroupAuthParameter.OperationDenied and InvalidGroupParameter.OperationDenied: both tables list
    // both for it; or a code that says group references are not supported
    code: /^InvalidGroup(Auth)?Parameter\.OperationDenied$|NotSupportGroupReference/,
    wayOut:
      'an enterprise (advanced) security group cannot hold rules that reference groups; use strategy addresses or cidr for this pairing',
  },
  {
    // AuthorizationLimitExceed (rules per group), or another quota's spelling
    code: /LimitExceed|QuotaExceed/,
    wayOut:
      'the group is at its rule quota; free rules in the group, split the pairing, or use strategy cidr (one rule per VPC or vSwitch range)',
  },
];

/** The way out of a refusal by this code, if the code is one of a quota or an enterprise group. */
export function wayOutOf(code: string): string | undefined {
  return WAYS_OUT.find((w) => w.code.test(code))?.wayOut;
}

/** A failed change whose code has a way out carries it after the cloud's message. */
export function withWayOut(change: ChangeResult): ChangeResult {
  const wayOut = change.status === 'failed' && change.code !== undefined ? wayOutOf(change.code) : undefined;
  return wayOut === undefined ? change : { ...change, message: `${change.message ?? change.code}; ${wayOut}` };
}
