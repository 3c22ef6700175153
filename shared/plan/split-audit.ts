import { accountModeById, type NormalizedConfig } from '../config';
import { factKey, ruleKey } from '../rules';
import type { ReadyAssessment } from './assess-pairing';
import type { PlanAddition, PlanGroup, PlanPairing, PlanRevocation } from './plan-schema';

/** A plan's groups parted by mode: what apply writes, and what the audit pairings would write. */
export interface AuditSplit {
  readonly writes: PlanGroup[];
  readonly audit: PlanGroup[];
}

/**
 * Pure: the one place audit mode is enforced. Every change of an audit pairing leaves the groups
 * apply writes and goes to `audit`, listed exactly as it would be written: its additions, its
 * revocations and the owned rules `prune: off` keeps. An owned rule no declared pairing names (a
 * pairing removed) follows its account's mode, else the top level's. A rule an audit pairing and an
 * enforce pairing both want is written, credited to the enforce pairing.
 */
export function splitAudit(
  config: NormalizedConfig,
  groups: readonly PlanGroup[],
  enforced: readonly ReadyAssessment[],
): AuditSplit {
  const audited = new Set(config.pairings.filter((p) => p.mode === 'audit').map((p) => p.name));
  if (audited.size === 0 && config.mode !== 'audit' && !Object.values(config.accounts).some((a) => a.mode === 'audit'))
    return { writes: [...groups], audit: [] };
  const declared = new Set(config.pairings.map((p) => p.name));
  const isAudit = (pairing: string, accountId: string) =>
    declared.has(pairing) ? audited.has(pairing) : accountModeById(config, accountId) === 'audit';
  const wantedBy = new Map<string, string>();
  for (const a of enforced)
    for (const rule of a.missing) {
      const key = `${factKey(rule.accountId, rule.groupId)}|${ruleKey(rule)}`;
      if (!wantedBy.has(key)) wantedBy.set(key, a.pairing.name);
    }
  const writes: PlanGroup[] = [];
  const audit: PlanGroup[] = [];
  for (const g of groups) {
    const add: { writes: PlanAddition[]; audit: PlanAddition[] } = { writes: [], audit: [] };
    for (const a of g.add) {
      const enforcer = wantedBy.get(`${factKey(g.accountId, g.groupId)}|${ruleKey(a.rule)}`);
      if (!isAudit(a.pairing, g.accountId)) add.writes.push(a);
      else if (enforcer !== undefined) add.writes.push({ ...a, pairing: enforcer });
      else add.audit.push(a);
    }
    const part = (xs: readonly PlanRevocation[] | undefined, audited: boolean) =>
      (xs ?? []).filter((r) => isAudit(r.pairing, g.accountId) === audited);
    pushGroup(writes, g, add.writes, part(g.revoke, false), part(g.wouldRevoke, false));
    pushGroup(audit, g, add.audit, part(g.revoke, true), part(g.wouldRevoke, true));
  }
  return { writes, audit };
}

function pushGroup(
  into: PlanGroup[],
  g: PlanGroup,
  add: PlanAddition[],
  revoke: PlanRevocation[],
  wouldRevoke: PlanRevocation[],
): void {
  if (add.length === 0 && revoke.length === 0 && wouldRevoke.length === 0) return;
  into.push({
    accountId: g.accountId,
    groupId: g.groupId,
    region: g.region,
    add,
    ...(revoke.length === 0 ? {} : { revoke }),
    ...(wouldRevoke.length === 0 ? {} : { wouldRevoke }),
  });
}

/** An audit pairing's line: marked `audit`, and Drift where an enforce one would have changes. */
export function markAudit(entry: PlanPairing, config: NormalizedConfig): PlanPairing {
  if (!config.pairings.some((p) => p.name === entry.name && p.mode === 'audit')) return entry;
  return { ...entry, mode: 'audit', ...(entry.status === 'Changes' ? { status: 'Drift' as const } : {}) };
}
