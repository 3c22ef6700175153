import type { NormalizedConfig } from '../config';
import { actionsOf } from './iam-actions';
import { allow, type PolicyStatement } from './policy-document';

/**
 * strategy prefix-list: list and create prefix lists on "*" (no resource is known before creation;
 * the emulator's choice, COVERAGE-ecs.md P4), read, change and delete them on the account's
 * `prefixlist/*` (an owned list's id is known only once created; DeletePrefixList's RAM section names
 * `acs:ecs:{regionId}:{accountId}:prefixlist/{PrefixListId}`,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-deleteprefixlist),
 * granted only in the accounts a prefix-list pairing acts in. Keep a removed pairing's grant until a
 * sweep has pruned its list: the deletion needs DeletePrefixList.
 */
export function prefixListStatements(config: NormalizedConfig, accountId: string): PolicyStatement[] {
  const pairings = config.pairings.filter(
    (p) => p.strategy === 'prefix-list' && p.sides.some((s) => s.accountId === accountId),
  );
  if (pairings.length === 0) return [];
  const regions = [...new Set(pairings.map((p) => p.region))];
  return [
    allow(actionsOf('prefix-list-create'), ['*']),
    allow(
      actionsOf('prefix-list'),
      regions.map((r) => `acs:ecs:${r}:${accountId}:prefixlist/*`),
    ),
  ];
}
