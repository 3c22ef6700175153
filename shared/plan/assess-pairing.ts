import type { NormalizedPairing } from '../config';
import {
  computePairingRules,
  factKey,
  ruleKey,
  type CanonicalRule,
  type DeploymentRef,
  type DesiredPrefixList,
} from '../rules';
import type { AccountFailure, ActualState } from './actual-state';
import type { StrategyChoice } from './choose-strategies';
import { dropRuleWarnings } from './drop-rule-warnings';
import { egressWarnings } from './egress-warnings';
import { vpcConnectionWarnings } from './vpc-connection-warning';
import type { PlanPairing, PlanWarning } from './plan-schema';

/** One pairing before capacity and revocations: its final entry (Failed, Blocked), or what it needs. */
export type Assessment =
  | { readonly ready: false; readonly entry: PlanPairing }
  | {
      readonly ready: true;
      readonly pairing: NormalizedPairing;
      readonly missing: readonly CanonicalRule[];
      readonly present: number;
      readonly warnings: readonly PlanWarning[];
      readonly strategy?: StrategyChoice;
      readonly desired: readonly CanonicalRule[];
      readonly receivingGroups: readonly string[];
      /** strategy prefix-list: the owned list each sending side wants */
      readonly prefixLists?: readonly DesiredPrefixList[];
    };

export type ReadyAssessment = Extract<Assessment, { ready: true }>;

/** A pairing whose accounts were read and whose rules could be computed: what it needs, what it has. */
export function assessPairing(
  pairing: NormalizedPairing,
  deployment: DeploymentRef,
  actual: ActualState,
  isPresent: (rule: CanonicalRule) => boolean,
  strategy: StrategyChoice | undefined,
): Assessment {
  const failure = accountFailureOf(pairing, actual.accountFailures);
  if (failure !== undefined) {
    const entry: PlanPairing = {
      name: pairing.name,
      status: 'Failed',
      reason: failure.code,
      message: `account ${failure.accountId}: ${failure.message}`,
      retryable: failure.retryable,
      rulesToAdd: 0,
      rulesPresent: 0,
      warnings: [],
    };
    return { ready: false, entry };
  }
  const desired = computePairingRules(pairing, deployment, actual, strategy?.chosen);
  const stated = strategy === undefined ? {} : { strategy: { ...strategy } };
  if (!desired.ok) {
    const { reason, message } = desired.block;
    return {
      ready: false,
      entry: {
        name: pairing.name,
        status: 'Blocked',
        reason,
        message,
        rulesToAdd: 0,
        rulesPresent: 0,
        warnings: [],
        ...stated,
      },
    };
  }
  const missing = desired.rules.filter((rule) => !isPresent(rule));
  const notes = desired.notes.map((n): PlanWarning => ({ ...n }));
  const warnings = [
    ...notes,
    ...dropRuleWarnings(desired.rules, actual.groups),
    ...vpcConnectionWarnings(pairing, actual),
    ...egressWarnings(pairing, actual),
  ];
  return {
    ready: true,
    pairing,
    missing,
    present: desired.rules.length - missing.length,
    warnings,
    ...(strategy === undefined ? {} : { strategy }),
    desired: desired.rules,
    receivingGroups: desired.receivingGroups,
    ...(desired.prefixLists === undefined ? {} : { prefixLists: desired.prefixLists }),
  };
}

function accountFailureOf(pairing: NormalizedPairing, failures: readonly AccountFailure[]): AccountFailure | undefined {
  for (const side of pairing.sides) {
    const failure = failures.find((f) => f.accountId === side.accountId);
    if (failure !== undefined) return failure;
  }
  return undefined;
}

/** Whether a rule with the same key is in its group now (keys computed once per group and plan). */
export function presentRules(actual: ActualState): (rule: CanonicalRule) => boolean {
  const keysByGroup = new Map<string, Set<string>>();
  return (rule) => {
    const groupKey = factKey(rule.accountId, rule.groupId);
    let keys = keysByGroup.get(groupKey);
    if (keys === undefined) {
      const group = actual.groups[groupKey];
      keys = new Set([...(group?.rules ?? []), ...(group?.egressRules ?? [])].map(ruleKey));
      keysByGroup.set(groupKey, keys);
    }
    return keys.has(ruleKey(rule));
  };
}
