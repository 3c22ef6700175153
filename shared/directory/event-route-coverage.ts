import type { DirectoryAccount } from '../cloud/port';
import type { NormalizedConfig } from '../config';
import type { DirectoryWarning } from './directory-warning';

/**
 * The accounts whose routed ECS events the hub accepts: the config's declared accounts. EventBridge's
 * cross-account routing has the receiving account's role trust each sending account by its UID (its
 * `acs:ram::<uid>:root` and its `<uid>@eventbridge.aliyuncs.com`), and the documentation names no
 * bus policy nor trust condition that covers a whole Resource Directory
 * (https://www.alibabacloud.com/help/en/eventbridge/use-cases/route-events-across-alibaba-cloud-accounts,
 * https://www.alibabacloud.com/help/en/eventbridge/user-guide/route-events-to-eventbridge). So
 * `sg-pairing bootstrap` writes the hub's delivery role trusting exactly the declared accounts of the
 * config it reads, the config the functions are deployed with: the deployed config is the record of
 * whom the delivery role trusts.
 */
export function eventRouteCovers(config: NormalizedConfig): ReadonlySet<string> {
  return new Set(Object.values(config.source?.accounts ?? {}).map((a) => a.id));
}

/**
 * A full run's warning for each discovered account (its role assumed: the sweep pairs it) that the
 * delivery role does not trust: its routed events are refused, so only the sweep reconciles it.
 */
export function eventRouteWarnings(
  config: NormalizedConfig,
  discovered: readonly DirectoryAccount[],
): DirectoryWarning[] {
  const covered = eventRouteCovers(config);
  return discovered
    .filter((m) => !covered.has(m.accountId))
    .map((m) => ({
      code: 'EventRouteUntrusted' as const,
      account: m.accountId,
      message: `discovered account ${m.accountId} (${m.displayName}) is paired by each sweep, but its routed ECS events are refused: the hub's delivery role trusts the declared accounts only (unless ${m.accountId} is the hub itself, whose events reach it directly). To react to its events within seconds, declare it under accounts:, run sg-pairing bootstrap again and update the hub stack (UpdateStack, docs/deploy.md)`,
    }));
}
