import type { NormalizedConfig, NormalizedPairing } from '../config';
import { UsageError } from '../errors';

function byName(a: NormalizedPairing, b: NormalizedPairing): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The pairings to work on, sorted by name: all of them, or those named. An unknown name throws a
 * UsageError with code 'UnknownPairing' (naming every unknown one).
 */
export function selectPairings(config: NormalizedConfig, names?: readonly string[]): NormalizedPairing[] {
  const all = [...config.pairings].sort(byName);
  if (names === undefined) return all;
  const known = new Set(all.map((p) => p.name));
  const unknown = [...new Set(names)].filter((n) => !known.has(n)).sort();
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown pairing ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${[...known].join(', ') || 'none'}`,
      {
        code: 'UnknownPairing',
        pairing: unknown[0],
      },
    );
  }
  const wanted = new Set(names);
  return all.filter((p) => wanted.has(p.name));
}
