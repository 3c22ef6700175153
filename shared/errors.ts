/**
 * The one error type of the product. Every boundary converts whatever was thrown into an
 * SgPairingError (see `toSgPairingError`), so callers only ever look at `code` and `retryable`.
 *
 * - `code` is a stable CamelCase token: one of the product's (ERROR_CODES in error-codes.ts, e.g.
 *   'ConfigInvalid', 'UnknownPairing'), or the cloud's own (e.g. 'Throttling'); callers and tests
 *   branch on it, never on the message.
 * - `retryable` follows the reconcile contract: true unless the failure is known to be terminal.
 * - `account`, `group`, `pairing`, `operation` name what was at fault, when known.
 */
export interface SgPairingErrorContext {
  /** account UID at fault */
  readonly account?: string;
  /** security group ID at fault */
  readonly group?: string;
  /** pairing name at fault */
  readonly pairing?: string;
  /** operation that failed, e.g. 'ecs:AuthorizeSecurityGroup' or 'loadConfigFile' */
  readonly operation?: string;
}

import type { CloudErrorCode, ErrorCode } from './error-codes';

export interface SgPairingErrorOptions extends SgPairingErrorContext {
  readonly code: ErrorCode | CloudErrorCode;
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

export class SgPairingError extends Error {
  override readonly name: string = 'SgPairingError';
  readonly code: ErrorCode | CloudErrorCode;
  readonly retryable: boolean;
  readonly account?: string;
  readonly group?: string;
  readonly pairing?: string;
  readonly operation?: string;

  constructor(message: string, options: SgPairingErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.retryable = options.retryable ?? true;
    if (options.account !== undefined) this.account = options.account;
    if (options.group !== undefined) this.group = options.group;
    if (options.pairing !== undefined) this.pairing = options.pairing;
    if (options.operation !== undefined) this.operation = options.operation;
  }

  /** A plain, loggable view (no stack, no cause object). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    for (const key of ['account', 'group', 'pairing', 'operation'] as const) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    return out;
  }
}

/** A failure that retrying will not fix: bad input, unknown names, permission denied. */
export class TerminalError extends SgPairingError {
  override readonly name: string = 'TerminalError';
  constructor(message: string, options: Omit<SgPairingErrorOptions, 'retryable'>) {
    super(message, { ...options, retryable: false });
  }
}

/** The caller asked for something that does not exist or cannot be done (e.g. an unknown pairing name). */
export class UsageError extends TerminalError {
  override readonly name: string = 'UsageError';
}

export function isSgPairingError(value: unknown): value is SgPairingError {
  return value instanceof SgPairingError;
}

/**
 * The one conversion at a boundary: an SgPairingError passes through unchanged; anything else
 * becomes code 'Unexpected', retryable, with the original as `cause` and the given context.
 */
export function toSgPairingError(thrown: unknown, context: SgPairingErrorContext = {}): SgPairingError {
  if (thrown instanceof SgPairingError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new SgPairingError(message, { ...context, code: 'Unexpected', retryable: true, cause: thrown });
}
