import { accountModeById, type NormalizedConfig } from '../config';
import { parseRecordTagValue, parseRuleDescription, recordTagKey, ruleDescription, type CanonicalRule } from '../rules';
import type { ActualState } from './actual-state';
import type { PlanRemark, PlanWarning } from './plan-schema';

/** Who a deployment is: its name and, when declared, its id (a NormalizedConfig is one). */
export interface DeploymentIdentity {
  readonly name: string;
  readonly deploymentId?: string;
}

/**
 * The pairing an owned rule names, or undefined when the rule is not this deployment's to touch: an
 * ingress accept rule this code can read whose description is exactly `sg-pairing:<name>:<pairing>:<id>`
 * with this deployment's id, or the legacy `sg-pairing:<name>:<pairing>` (every version before ids wrote
 * it; a deployment without an id still does). A legacy rule is ours only in a group no other deployment
 * holds (see groupsHeldByOthers): the caller leaves those groups alone.
 */
export function ownerOf(rule: CanonicalRule, deployment: DeploymentIdentity): string | undefined {
  if (rule.unmatchable !== undefined || rule.policy !== 'accept') return undefined;
  // every peer kind sg-pairing writes: cidr, group, ipv6-cidr (ipVersion), prefix-list (strategy prefix-list)
  const parsed = parseRuleDescription(rule.description);
  if (parsed === undefined || parsed.deployment !== deployment.name) return undefined;
  if (parsed.deploymentId !== undefined && parsed.deploymentId !== deployment.deploymentId) return undefined;
  return rule.description === ruleDescription(deployment.name, parsed.pairing, parsed.deploymentId)
    ? parsed.pairing
    : undefined;
}

/** Whether an owned rule still carries the legacy marker (a deployment with an id claims it: see the record's tag). */
export function isLegacyMarker(rule: CanonicalRule, deployment: DeploymentIdentity): boolean {
  const parsed = parseRuleDescription(rule.description);
  return parsed !== undefined && parsed.deployment === deployment.name && parsed.deploymentId === undefined;
}

/** A group where another deployment reusing this name holds the name: never pruned, never (un)tagged by this one. */
export interface HeldGroup {
  readonly groupKey: string;
  readonly accountId: string;
  readonly groupId: string;
  /** the other deployment's id, as its record tag value or a rule marker names it */
  readonly theirs: string;
}

/**
 * Pure: the groups among `groupKeys` that another deployment of the same name holds: the record tag's
 * value as read names another id (`owned:<other>`; a deployment without an id counts any id as
 * another's), or a rule there carries this name's marker with another id. Sorted by group.
 */
export function groupsHeldByOthers(
  deployment: DeploymentIdentity,
  actual: ActualState,
  groupKeys: Iterable<string>,
): HeldGroup[] {
  const out: HeldGroup[] = [];
  for (const groupKey of [...new Set(groupKeys)].sort()) {
    const group = actual.groups[groupKey];
    if (group === undefined) continue;
    const theirs = recordHolder(deployment, actual.recordValues?.[groupKey]) ?? markerHolder(deployment, group.rules);
    if (theirs !== undefined) out.push({ groupKey, accountId: group.accountId, groupId: group.groupId, theirs });
  }
  return out;
}

function recordHolder(deployment: DeploymentIdentity, value: string | undefined): string | undefined {
  const id = value === undefined ? undefined : parseRecordTagValue(value)?.deploymentId;
  return id !== undefined && id !== deployment.deploymentId ? id : undefined;
}

function markerHolder(deployment: DeploymentIdentity, rules: readonly CanonicalRule[]): string | undefined {
  const ids = rules
    .map((r) => parseRuleDescription(r.description))
    .filter((p) => p?.deployment === deployment.name && p.deploymentId !== undefined)
    .map((p) => p?.deploymentId as string)
    .filter((id) => id !== deployment.deploymentId)
    .sort();
  return ids[0];
}

/** The warning naming both deployments and the group: this run refuses to prune there. */
export function heldGroupWarning(config: NormalizedConfig, held: HeldGroup): PlanWarning {
  const ours = config.deploymentId === undefined ? 'no id (legacy markers)' : `id ${config.deploymentId}`;
  return {
    code: 'DeploymentNameHeld',
    message: `group ${held.groupId} is held by another deployment named "${config.name}" (id ${held.theirs}; the tag ${recordTagKey(config.name)} or its rules' markers say so), not this one (${ours}): nothing is revoked there and its record is left as it is; additions still go, marked with this deployment's id. Give one of the two deployments another name, or a distinct deploymentId`,
    accountId: held.accountId,
    groupId: held.groupId,
  };
}

/**
 * Pure: the migration of a deployment with an id. Each owned rule it keeps that still carries the legacy
 * marker has its Description rewritten in place (ModifySecurityGroupRule by its SecurityGroupRuleId: never
 * revoked and re-added), in the groups given, except those skipped (held by another deployment, or only
 * audit pairings receive there) and the rules of audit pairings (an audit pairing is never written).
 */
export function planRemarks(
  config: NormalizedConfig,
  groupKeys: readonly string[],
  how: { skip: (groupKey: string) => boolean; keptOwned: (groupKey: string) => readonly CanonicalRule[] },
): PlanRemark[] {
  if (config.deploymentId === undefined) return [];
  const audit = (pairing: string, accountId: string) => {
    const declared = config.pairings.find((p) => p.name === pairing);
    return declared === undefined ? accountModeById(config, accountId) === 'audit' : declared.mode === 'audit';
  };
  const out: PlanRemark[] = [];
  for (const groupKey of [...groupKeys].sort()) {
    if (how.skip(groupKey)) continue;
    for (const rule of how.keptOwned(groupKey)) {
      const pairing = ownerOf(rule, config);
      if (pairing === undefined || !isLegacyMarker(rule, config) || rule.ruleId === undefined) continue;
      if (audit(pairing, rule.accountId)) continue;
      out.push({
        accountId: rule.accountId,
        groupId: rule.groupId,
        ruleId: rule.ruleId,
        pairing,
        from: rule.description,
        to: ruleDescription(config.name, pairing, config.deploymentId),
      });
    }
  }
  return out.sort((a, b) => (a.groupId + a.ruleId < b.groupId + b.ruleId ? -1 : 1));
}
