import { configError, joinPath, type Diagnostic } from '../diagnostic';
import type { LooseConfig } from '../loose-config';
import { pairsOfSides } from './check-sides';

/**
 * `strategy: prefix-list` keeps both sides in one account: a rule may reference only a prefix list
 * of its own group's account. The ECS pages say nothing of referencing another account's list (it
 * takes Resource Sharing, documented for VPC prefix lists only), so sg-pairing does not rely on it.
 */
export function checkPrefixListSameAccount(config: LooseConfig): Diagnostic[] {
  const idOf = (alias: string | undefined) => config.accounts.find((a) => a.alias === alias)?.id ?? alias;
  return pairsOfSides(config).flatMap(([p, first, second]) =>
    p.strategy === 'prefix-list' &&
    first.account !== undefined &&
    second.account !== undefined &&
    idOf(first.account) !== idOf(second.account)
      ? [
          configError(
            'PrefixListCrossAccount',
            joinPath(p.path, 'strategy'),
            `"strategy: prefix-list" needs both sides in one account (here "${first.account}" and "${second.account}"): a rule can reference only a prefix list of its own account; use addresses (or auto) across accounts`,
          ),
        ]
      : [],
  );
}
