import type { PairingDirection, PairingMode } from './config-schema';

/** What decides a pairing's mode: its own, its receiving sides' accounts', the top level's. */
export interface ModeInputs {
  /** the pairing's own `mode`, when written */
  readonly pairing?: PairingMode;
  /** `accounts.<alias>.mode` of its two sides' accounts, in `between` order (undefined when not written) */
  readonly sides: readonly [PairingMode | undefined, PairingMode | undefined];
  readonly direction: PairingDirection;
  /** the top-level `mode` (default enforce) */
  readonly top: PairingMode;
}

/**
 * Pure: a pairing's mode, the most specific first. Its own `mode` wins. Else it is audit when any
 * account it writes into says audit (both sides' accounts with direction both, only the second's
 * with first-to-second: the first side then only sends, and nothing is written in its account);
 * else enforce when such an account says enforce; else the top level's. Audit is the safe answer
 * when two receiving accounts disagree: a pairing never writes into an account that asked not to be
 * written. docs/configuration.md "Audit mode".
 */
export function resolvePairingMode(inputs: ModeInputs): PairingMode {
  if (inputs.pairing !== undefined) return inputs.pairing;
  const receiving = inputs.direction === 'first-to-second' ? [inputs.sides[1]] : [...inputs.sides];
  if (receiving.includes('audit')) return 'audit';
  if (receiving.includes('enforce')) return 'enforce';
  return inputs.top;
}

/** Pure: the mode of owned rules no declared pairing names (a pairing removed): their account's, else the top level's. */
export function resolveAccountMode(account: PairingMode | undefined, top: PairingMode): PairingMode {
  return account ?? top;
}
