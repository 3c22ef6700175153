import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from './server';

/** STUB — to be completed: the /_emulator/ control API. */
export async function handleControl(_e: Emulator, _req: IncomingMessage, res: ServerResponse, _url: URL, _body: Buffer): Promise<void> {
  res.writeHead(404).end();
}
