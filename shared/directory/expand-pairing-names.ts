import type { NormalizedConfig } from '../config';

/** Pairing names as a caller wrote them: a fleet pairing's name stands for each of its expansions. */
export function expandPairingNames(
  config: NormalizedConfig,
  names: readonly string[] | undefined,
): string[] | undefined {
  if (names === undefined) return undefined;
  const fleet = new Map((config.fleet ?? []).map((f) => [f.pairing, f.accounts.map((a) => a.pairing)]));
  return [...new Set(names.flatMap((n) => fleet.get(n) ?? [n]))];
}
