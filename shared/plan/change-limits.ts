import type { NormalizedConfig, PairingSide } from '../config';
import { describeTags, lookupMembers, type PairingBlock } from '../rules';
import type { ActualState } from './actual-state';
import type { ReadyAssessment } from './assess-pairing';
import type { PlanRefusal } from './plan-schema';

/**
 * Why a pairing's additions are held back by a limit (stable tokens: the plan, the run report and
 * the logs carry them as the pairing's `reason`). Its revocations go on whatever the reason.
 */
export const limitReasons = ['MaxMembersExceeded', 'MaxChangesExceeded', 'MaxChangesPerRunTotalExceeded'] as const;

export interface ChangeLimits {
  /** per pairing: additions past this are refused for that pairing only */
  readonly perPairing: number;
  /** run-wide: adds + revokes past this refuse every addition; revocations alone past it refuse the plan */
  readonly total: number;
}

/**
 * Pure: the pairings whose additions a per-pairing limit refuses, by name: a side resolving to more
 * members than its `maxMembers` (MaxMembersExceeded, with the count), or more additions than
 * `maxChangesPerRun` (MaxChangesExceeded). One pairing's flood never touches another pairing.
 */
export function refuseByPairingLimits(
  ready: readonly ReadyAssessment[],
  actual: ActualState,
  limits: ChangeLimits,
): Map<string, PairingBlock> {
  const refused = new Map<string, PairingBlock>();
  for (const a of ready) {
    const crowded = a.pairing.sides.map((s) => tooManyMembers(s, actual)).find((b) => b !== undefined);
    if (crowded !== undefined) refused.set(a.pairing.name, crowded);
    else if (a.missing.length > limits.perPairing)
      refused.set(a.pairing.name, {
        reason: 'MaxChangesExceeded',
        message: `pairing ${a.pairing.name} would add ${a.missing.length} rules, over maxChangesPerRun ${limits.perPairing} (per pairing): its additions are refused, its revocations and other pairings go on. Check why its sides grew, then raise maxChangesPerRun`,
      });
  }
  return refused;
}

function tooManyMembers(side: PairingSide, actual: ActualState): PairingBlock | undefined {
  if (side.maxMembers === undefined || side.kind === 'instance') return undefined;
  const members = lookupMembers(side, actual);
  if (!members.ok || members.value.length <= side.maxMembers) return undefined;
  const what = side.kind === 'group' ? `security group ${side.securityGroupId}` : `tags ${describeTags(side)}`;
  return {
    reason: 'MaxMembersExceeded',
    message: `${what} in account ${side.accountId} has ${members.value.length} members, over its maxMembers ${side.maxMembers}: this pairing's additions are refused, its revocations go on`,
    accountId: side.accountId,
    ...(side.kind === 'group' ? { groupId: side.securityGroupId } : {}),
  };
}

/** What the run-wide ceiling decides once the per-pairing limits and quotas have had their say. */
export type CeilingDecision =
  | { readonly kind: 'within' }
  /** additions and revocations over the ceiling, revocations alone within: every addition refused */
  | { readonly kind: 'additionsRefused'; readonly block: PairingBlock }
  /** revocations alone over the ceiling: nothing is written */
  | { readonly kind: 'planRefused'; readonly refusal: PlanRefusal };

export function applyRunCeiling(add: number, revoke: number, total: number): CeilingDecision {
  const changes = add + revoke;
  if (changes <= total) return { kind: 'within' };
  if (revoke > total) {
    return {
      kind: 'planRefused',
      refusal: {
        reason: 'MaxChangesPerRunTotalExceeded',
        message: `this run would revoke ${revoke} rule(s) (and add ${add}), over maxChangesPerRunTotal ${total}: nothing is written. Check the plan, then raise maxChangesPerRunTotal or apply fewer pairings at a time (--pairing)`,
        changes,
        limit: total,
      },
    };
  }
  return {
    kind: 'additionsRefused',
    block: {
      reason: 'MaxChangesPerRunTotalExceeded',
      message: `this run would add ${add} and revoke ${revoke} rule(s), over maxChangesPerRunTotal ${total}: every addition is refused, the ${revoke} revocation(s) go on. Check the plan, then raise maxChangesPerRunTotal or apply fewer pairings at a time (--pairing)`,
    },
  };
}

export function changeLimitsOf(config: NormalizedConfig, perPairing?: number, total?: number): ChangeLimits {
  return { perPairing: perPairing ?? config.maxChangesPerRun, total: total ?? config.maxChangesPerRunTotal };
}
