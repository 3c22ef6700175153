import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Issue } from '../errors/issues';
import type { ControlEndpoint } from './control';

type ParseJson = (body: Buffer) => { ok: true; value: unknown } | { ok: false; issues: Issue[] };
type Invalid = (res: ServerResponse, issues: Issue[]) => void;
type Reply = (res: ServerResponse, status: number, body: unknown) => void;

const SinkBody = z.strictObject({ account: z.string().min(1), name: z.string().min(1) });

/**
 * The control API of the delivery sinks: `POST /oss/buckets` and `POST /eventbridge/buses` ({account, name})
 * create a bucket (names global: one taken by another account is refused 409) or a custom bus;
 * `GET /eventbridge/events?account=&bus=` answers the events a bus received, in order.
 */
export function sinkEndpoints(parseJson: ParseJson, invalid: Invalid, reply: Reply): Record<string, ControlEndpoint> {
  const read = (res: ServerResponse, body: Buffer) => {
    const json = parseJson(body);
    if (!json.ok) return void invalid(res, json.issues);
    const parsed = SinkBody.safeParse(json.value);
    if (!parsed.success)
      return void invalid(
        res,
        parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
      );
    return parsed.data;
  };
  return {
    'POST /oss/buckets': (e, res, _url, body) => {
      const b = read(res, body);
      if (b === undefined) return;
      const owner = e.world.sinks.buckets.get(b.name)?.owner;
      if (owner !== undefined && owner !== b.account)
        return reply(res, 409, { Code: 'BucketAlreadyExists', Message: 'The requested bucket name is not available.' });
      e.world.sinks.createBucket(b.account, b.name);
      reply(res, 200, { bucket: b.name, account: b.account });
    },
    'POST /eventbridge/buses': (e, res, _url, body) => {
      const b = read(res, body);
      if (b === undefined) return;
      e.world.sinks.createBus(b.account, b.name);
      reply(res, 200, { bus: b.name, account: b.account });
    },
    'GET /eventbridge/events': (e, res, url) => {
      const q = url.searchParams;
      const events = e.world.sinks.busEvents(q.get('account') ?? '', q.get('bus') ?? '');
      if (events === undefined) return reply(res, 404, { Code: 'NotFound', Message: 'no such bus (account, bus)' });
      reply(res, 200, events);
    },
  };
}
