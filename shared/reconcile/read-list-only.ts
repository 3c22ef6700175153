import type { NormalizedConfig } from '../config';
import type { ActualState } from '../plan';
import { findOwnedList, prefixListDescription } from '../rules';
import { readActualState, type ReadDeps } from './read-actual-state';

/**
 * readActualState with `listOnly` pairings read from their sending side alone; when one's owned list
 * is not found (not created yet: the side's first launch; or deleted), everything is read whole, as
 * the list's creation comes with a rule in each receiving group. Answers the pairings to plan list-only.
 */
export async function readWithListOnly(
  config: NormalizedConfig,
  selection: readonly string[] | undefined,
  deps: Omit<ReadDeps, 'listOnly'>,
  listOnly: readonly string[],
): Promise<{ actual: ActualState; listOnly: readonly string[] }> {
  const actual = await readActualState(config, selection, { ...deps, listOnly });
  if (listOnlyWithLists(config, listOnly, actual).length === listOnly.length) return { actual, listOnly };
  deps.log.info('read', { result: 'listNotFound', listOnly });
  return { actual: await readActualState(config, selection, deps), listOnly: [] };
}

/**
 * The list-only pairings whose every sending side's owned list was found: a list not there yet (the
 * side's first launch) needs the whole read, since its creation comes with a rule in each receiving group.
 */
function listOnlyWithLists(
  config: NormalizedConfig,
  listOnly: readonly string[],
  actual: Pick<ActualState, 'prefixLists'>,
): string[] {
  return listOnly.filter((name) => {
    const pairing = config.pairings.find((p) => p.name === name);
    if (pairing === undefined) return false;
    const senders = pairing.direction === 'both' ? pairing.sides : [pairing.sides[0]];
    return senders.every(
      (side) =>
        findOwnedList(actual.prefixLists, side.accountId, prefixListDescription(config.name, pairing.region, side)) !==
        undefined,
    );
  });
}
