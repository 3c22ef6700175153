import { SgPairingError } from '../errors';

/** EventBridge bus names: letters, digits, `-`, `_`, `.`, 1..127 (the name of a custom bus; UNCONFIRMED beyond the console's hint). */
const BUS = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,126}$/;

/** The bus from SG_PAIRING_EVENT_BUS; undefined when unset or empty (no events published). */
export function eventBusFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.SG_PAIRING_EVENT_BUS?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!BUS.test(raw))
    throw new SgPairingError(
      `SG_PAIRING_EVENT_BUS: "${raw}" is not an EventBridge bus name (letters, digits, "-", "_", "." and at most 127 of them)`,
      { code: 'EventBusInvalid', retryable: false, operation: 'events' },
    );
  return raw;
}
