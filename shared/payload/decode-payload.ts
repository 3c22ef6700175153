import { TerminalError } from '../errors';

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: TerminalError };

/**
 * What FC hands a handler, as JSON: a Buffer (FC 3.0 event functions) or a string is parsed; an
 * object (a test, a local runner) passes as is. Never throws: bad bytes are a terminal error value.
 */
export function decodePayload(event: unknown): Parsed<unknown> {
  let text: string;
  if (Buffer.isBuffer(event) || event instanceof Uint8Array) text = Buffer.from(event).toString('utf8');
  else if (typeof event === 'string') text = event;
  else return { ok: true, value: event };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      error: new TerminalError(`the payload is not JSON (${text.length} bytes)`, {
        code: 'InvalidJson',
        operation: 'decodePayload',
      }),
    };
  }
}
