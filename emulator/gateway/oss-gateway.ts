import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleOss, ossFault } from '../handlers/oss';
import { authorizeCall } from '../ram';
import { authenticate } from './auth';
import type { Emulator } from './server';

/** An OSS request (V1-signed, XML answers): the caller from its key, the faults of its action, recorded in the call log. */
export async function serveOss(e: Emulator, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID().replace(/-/g, '').toUpperCase().slice(0, 24);
  const now = e.clock();
  const out = await handleOss(
    {
      sinks: e.world.sinks,
      now,
      secretOf: (ak) => e.keys.secretOf(ak),
      callerOf: (ak, token) => authenticate(e.world, e.keys, ak, token, now),
      authorize: (caller, action, params) => authorizeCall(e.world, caller, { service: 'oss', action, params }),
      fault: (action, account) => e.faults.before(action, account, now).then(ossFault),
    },
    req,
    res,
    body,
    requestId,
  );
  e.calls.record({
    requestId,
    action: out.action,
    account: out.account,
    accessKeyId: '',
    params: {},
    status: out.status,
    code: out.code,
    durationMs: performance.now() - started,
    time: now,
  });
}
