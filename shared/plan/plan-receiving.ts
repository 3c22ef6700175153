import type { NormalizedPairing } from '../config';
import { factKey, flowsOf, resolveReceivers } from '../rules';
import type { ActualState } from './actual-state';
import type { ReadyAssessment } from './assess-pairing';
import { compareText } from './compare-text';
import type { PlanLimits } from './plan-limits';
import type { PlanReceiving } from './plan-schema';

/**
 * Where each evaluated pairing receives, side by side, and the room left in those groups: what the
 * compliance view (shared/compliance) needs beyond the changes, so a stored plan can be shown again
 * without reading the cloud. Pure. Only pairings whose sides resolved (not Failed, not blocked
 * before their rules were computed) have sides here; `failedAccounts` names the accounts not read.
 */
export function planReceiving(
  ready: readonly ReadyAssessment[],
  actual: ActualState,
  limits: PlanLimits,
): PlanReceiving {
  const sides: PlanReceiving['sides'] = [];
  for (const a of ready) sides.push(...receivingSides(a.pairing, actual));
  sides.sort(
    (x, y) =>
      compareText(x.pairing, y.pairing) ||
      x.side - y.side ||
      compareText(x.accountId, y.accountId) ||
      compareText(x.groupId, y.groupId),
  );
  const keys = [...new Set(sides.map((s) => factKey(s.accountId, s.groupId)))];
  const groups = keys
    .map((key) => actual.groups[key])
    .filter((g) => g !== undefined)
    .map((g) => ({
      accountId: g.accountId,
      groupId: g.groupId,
      rules: g.ruleCount,
      references: g.referencedGroupCount,
    }))
    .sort((x, y) => compareText(x.accountId, y.accountId) || compareText(x.groupId, y.groupId));
  const failedAccounts = actual.accountFailures
    .map((f) => ({ accountId: f.accountId, code: f.code }))
    .sort((x, y) => compareText(x.accountId, y.accountId));
  return {
    rulesPerGroup: limits.rulesPerGroup,
    referencedGroupsPerGroup: limits.referencedGroupsPerGroup,
    sides,
    groups,
    failedAccounts,
  };
}

/** The groups each receiving side of one pairing holds its rules in (0: the first side of `between`). */
function receivingSides(pairing: NormalizedPairing, actual: ActualState): PlanReceiving['sides'] {
  const receivers = new Set(flowsOf(pairing).map((f) => f.receiver));
  return pairing.sides.flatMap((side, index) => {
    if (!receivers.has(side)) return [];
    const resolved = resolveReceivers(side, pairing.region, actual);
    if (!resolved.ok) return [];
    return resolved.value.groups.map((g) => ({
      pairing: pairing.name,
      side: index,
      accountId: g.accountId,
      groupId: g.groupId,
    }));
  });
}
