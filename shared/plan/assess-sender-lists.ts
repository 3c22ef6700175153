import type { NormalizedConfig, NormalizedPairing } from '../config';
import { computeSenderLists } from '../rules';
import type { ActualState } from './actual-state';
import type { Assessment } from './assess-pairing';

const strategy = { chosen: 'prefix-list', reason: 'Configured' } as const;

/**
 * A prefix-list pairing planned from its sending side alone (PlanOptions.listOnly): its owned lists
 * brought to the members' addresses, no rule desired, none present, no group read. planPairings
 * keeps it out of the revocations (a declared pairing left out: its rules in any group read are
 * never pruned), of the capacity checks, of the record and of `receiving`. A failed account fails it.
 */
export function assessSenderLists(
  pairing: NormalizedPairing,
  config: NormalizedConfig,
  actual: ActualState,
): Assessment {
  const entry = { name: pairing.name, rulesToAdd: 0, rulesPresent: 0, warnings: [] };
  const failure = actual.accountFailures.find((f) => pairing.sides.some((s) => s.accountId === f.accountId));
  if (failure !== undefined)
    return {
      ready: false,
      entry: {
        ...entry,
        status: 'Failed',
        reason: failure.code,
        message: `account ${failure.accountId}: ${failure.message}`,
        retryable: failure.retryable,
      },
    };
  const lists = computeSenderLists(pairing, config, actual);
  if (!lists.ok)
    return {
      ready: false,
      entry: { ...entry, status: 'Blocked', reason: lists.block.reason, message: lists.block.message, strategy },
    };
  return {
    ready: true,
    pairing,
    missing: [],
    present: 0,
    warnings: [],
    strategy,
    desired: [],
    receivingGroups: [],
    prefixLists: lists.value,
  };
}
