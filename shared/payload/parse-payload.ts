import type { z } from 'zod';
import { TerminalError, type SgPairingErrorOptions } from '../errors';
import { describeIssues, payloadIssues, type IssueWording, type PayloadIssue } from './payload-issues';

/** A payload that can never be handled: terminal, with each problem at its place when the schema found them. */
export class PayloadError extends TerminalError {
  override readonly name: string = 'PayloadError';
  readonly issues?: readonly PayloadIssue[];
  constructor(
    message: string,
    options: Omit<SgPairingErrorOptions, 'retryable'> & { issues?: readonly PayloadIssue[] },
  ) {
    super(message, options);
    if (options.issues !== undefined) this.issues = options.issues;
  }
}

/** What every edge parser answers: the typed value, or why the payload was refused (never a throw). */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PayloadError };

/** The contract a trigger's payload must meet: its schema, and how a refusal is named and worded. */
export interface PayloadContract<S extends z.ZodType> {
  readonly schema: S;
  /** the code of a refusal, and the words before its issues (e.g. 'not a timer event') */
  readonly invalid: { readonly code: SgPairingErrorOptions['code']; readonly prefix?: string };
  readonly operation: string;
  readonly wording?: IssueWording;
  /** when the bytes are not JSON (default: InvalidJson, naming only their length) */
  readonly malformed?: MalformedPayload;
}

/** When the bytes are not JSON: the code and message a face answers with. */
export interface MalformedPayload {
  readonly code: SgPairingErrorOptions['code'];
  readonly message: (text: string, cause: unknown) => string;
}

const NOT_JSON: MalformedPayload = {
  code: 'InvalidJson',
  message: (text) => `the payload is not JSON (${text.length} bytes)`,
};

/**
 * What FC hands a handler, as JSON: a Buffer (FC 3.0 event functions) or a string is parsed; an
 * object (a test, a local runner) passes as is. Bad bytes are a terminal error value, never a throw.
 */
export function decodePayload(payload: unknown, malformed: MalformedPayload = NOT_JSON): Parsed<unknown> {
  let text: string;
  if (Buffer.isBuffer(payload) || payload instanceof Uint8Array) text = Buffer.from(payload).toString('utf8');
  else if (typeof payload === 'string') text = payload;
  else return { ok: true, value: payload };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (cause) {
    const operation = 'decodePayload';
    return { ok: false, error: new PayloadError(malformed.message(text, cause), { code: malformed.code, operation }) };
  }
}

/** Checks a decoded value against the contract's schema: every issue at once, worded once. */
export function validatePayload<S extends z.ZodType>(
  value: unknown,
  contract: PayloadContract<S>,
): Parsed<z.output<S>> {
  const r = contract.schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const issues = payloadIssues(r.error, contract.wording);
  const text = describeIssues(issues);
  const message = contract.invalid.prefix === undefined ? text : `${contract.invalid.prefix}: ${text}`;
  return {
    ok: false,
    error: new PayloadError(message, { code: contract.invalid.code, operation: contract.operation, issues }),
  };
}

/** The one envelope step of every trigger: decode what FC handed over, then validate it. */
export function parsePayload<S extends z.ZodType>(payload: unknown, contract: PayloadContract<S>): Parsed<z.output<S>> {
  const decoded = decodePayload(payload, contract.malformed);
  return decoded.ok ? validatePayload(decoded.value, contract) : decoded;
}
