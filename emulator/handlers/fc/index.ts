import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../../models/world';
import type { Emulator } from '../../server';

/** STUB — to be completed: FC 3.0 InvokeFunction. */
export const FC_PATH = /^\/2023-03-30\/functions\/([^/]+)\/invocations$/;

export type FunctionHandler = (event: Buffer, context: Record<string, unknown>) => Promise<unknown>;

export class FunctionRegistry {
  readonly handlers = new Map<string, FunctionHandler>();
  register(name: string, handler: FunctionHandler): void {
    this.handlers.set(name, handler);
  }
}

export async function handleInvoke(
  _e: Emulator, _name: string, _headers: IncomingHttpHeaders, _body: Buffer, _caller: Caller, _requestId: string,
): Promise<{ status: number; body: unknown; headers: Record<string, string> }> {
  return { status: 404, body: {}, headers: {} };
}
