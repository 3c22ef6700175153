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

/** The accounts a warning's message names; the rest are counted (all are in its `accounts`). */
const NAMED_IN_MESSAGE = 5;

/**
 * A full run's one warning about the discovered accounts (their roles assumed: the sweep pairs them)
 * that the delivery role does not trust: their routed events are refused, so only the sweep reconciles
 * them. One warning for all of them: a directory of hundreds would otherwise fill every report.
 */
export function eventRouteWarnings(
  config: NormalizedConfig,
  discovered: readonly DirectoryAccount[],
): DirectoryWarning[] {
  const covered = eventRouteCovers(config);
  const untrusted = discovered.filter((m) => !covered.has(m.accountId));
  if (untrusted.length === 0) return [];
  const named = untrusted.slice(0, NAMED_IN_MESSAGE).map((m) => `${m.accountId} (${m.displayName})`);
  const more = untrusted.length > NAMED_IN_MESSAGE ? ` and ${untrusted.length - NAMED_IN_MESSAGE} more` : '';
  const one = untrusted.length === 1;
  return [
    {
      code: 'EventRouteUntrusted' as const,
      ...(one ? { account: untrusted[0]!.accountId } : {}),
      accounts: untrusted.map((m) => m.accountId),
      message: `${one ? 'discovered account' : `${untrusted.length} discovered accounts,`} ${named.join(', ')}${more}${one ? ',' : ','} ${one ? 'is' : 'are'} paired by each sweep, but ${one ? 'its' : 'their'} routed ECS events are refused: the hub's delivery role trusts the declared accounts only (the hub itself, if listed, is not concerned: its events reach it directly). To react to ${one ? 'its' : 'their'} events within seconds, declare ${one ? 'it' : 'them'} under accounts:, run sg-pairing bootstrap again and update the hub stack (UpdateStack, docs/deploy.md)`,
    },
  ];
}
