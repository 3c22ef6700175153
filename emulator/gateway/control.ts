import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { FaultSpecError } from '../faults/faults';
import { formatIssues, type Issue } from '../errors/issues';
import type { World } from '../models/world';
import { parseScenarioText } from '../scenario/scenario';
import { directoryEndpoints } from './directory-control';
import type { Emulator } from './server';
import { sinkEndpoints } from './sink-control';

export type ControlEndpoint = (e: Emulator, res: ServerResponse, url: URL, body: Buffer) => void;

/** The endpoints by `<method> <path below /_emulator>`. */
const endpoints: Record<string, ControlEndpoint> = {
  'GET /health': (_e, res) => reply(res, 200, { ok: true }),
  'GET /state': (e, res) => reply(res, 200, snapshotWorld(e.world, e.clock())),
  'GET /calls': (e, res, url) =>
    reply(
      res,
      200,
      e.calls.records.filter((r) => matches(url, r, ['action', 'account', 'code'])),
    ),
  'GET /events': (e, res, url) =>
    reply(
      res,
      200,
      e.events.events.filter((ev) => matches(url, ev, ['type', 'source'])),
    ),
  'GET /event-delivery': (e, res) => reply(res, 200, e.events.delivery),
  'POST /event-delivery': setEventDelivery,
  'GET /invocations': (e, res) => reply(res, 200, e.functions.invocations),
  'GET /faults': (e, res) => reply(res, 200, e.faults.list()),
  'DELETE /faults': (e, res) => {
    e.faults.clear();
    reply(res, 200, { faults: [] });
  },
  'POST /faults': setFaults,
  'POST /reset': (e, res) => {
    e.reset();
    reply(res, 200, { reset: true });
  },
  'POST /scenario': loadScenarioBody,
  ...sinkEndpoints(parseJson, invalid, reply),
  ...directoryEndpoints(reply, invalid, parseJson),
};

/**
 * The unsigned control API under `/_emulator/`: read the world, the calls and the events; set or
 * clear faults; reset; load a scenario. Bad input answers 400 with the fields at fault.
 */
export async function handleControl(
  e: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.slice('/_emulator'.length).replace(/\/$/, '')}`;
  if (!Object.hasOwn(endpoints, route))
    return reply(res, 404, { Code: 'NotFound', Message: `no control endpoint ${route}; see emulator/COVERAGE.md` });
  return endpoints[route](e, res, url, body);
}

const EventDeliveryBody = z.strictObject({
  hubAccountId: z.union([z.string().regex(/^\d+$/, 'an account ID (digits)'), z.null()]).optional(),
  stateChangeShape: z.enum(['content', 'flat']).optional(),
});

/**
 * `{hubAccountId}` delivers later events as routed to that account's bus (`null` stops it);
 * `{stateChangeShape: 'content' | 'flat'}` picks where a state change carries its state.
 */
function setEventDelivery(e: Emulator, res: ServerResponse, _url: URL, body: Buffer): void {
  const json = parseJson(body);
  if (!json.ok) return invalid(res, json.issues);
  const parsed = EventDeliveryBody.safeParse(json.value);
  if (!parsed.success) return invalid(res, formatIssues(parsed.error));
  const { hubAccountId, stateChangeShape } = parsed.data;
  const { hubAccountId: current, ...rest } = e.events.delivery;
  const hub = hubAccountId === undefined ? current : (hubAccountId ?? undefined);
  e.events.delivery = {
    ...rest,
    ...(hub === undefined ? {} : { hubAccountId: hub }),
    ...(stateChangeShape ? { stateChangeShape } : {}),
  };
  reply(res, 200, e.events.delivery);
}

/** `{clear: true}` clears every fault; otherwise one spec or a list of them is set. */
function setFaults(e: Emulator, res: ServerResponse, _url: URL, body: Buffer): void {
  const json = parseJson(body);
  if (!json.ok) return invalid(res, json.issues);
  if (isClear(json.value)) {
    e.faults.clear();
    return reply(res, 200, { faults: [] });
  }
  try {
    e.faults.set(json.value as never);
  } catch (err) {
    if (err instanceof FaultSpecError) return invalid(res, err.issues);
    throw err;
  }
  reply(res, 200, { faults: e.faults.list() });
}

/** A scenario (YAML or JSON) replaces the world: validated first, then reset to it. */
function loadScenarioBody(e: Emulator, res: ServerResponse, _url: URL, body: Buffer): void {
  const parsed = parseScenarioText(body.toString('utf8'));
  if (!parsed.ok) return invalid(res, parsed.issues);
  e.reset(parsed.value);
  reply(res, 200, {
    loaded: true,
    accounts: parsed.value.accounts.length,
    securityGroups: parsed.value.securityGroups.length,
    instances: parsed.value.instances.length,
  });
}

/** The world as JSON: no access key secrets, session secrets or tokens, nor ExternalIds. */
export function snapshotWorld(world: World, now: number): Record<string, unknown> {
  return {
    region: world.region,
    limits: {
      maxRulesPerGroup: world.maxRulesPerGroup,
      maxGroupReferences: world.maxGroupReferences,
      maxGroupsPerInstance: world.maxGroupsPerInstance,
    },
    accounts: [...world.accounts.values()].map((a) => ({
      id: a.id,
      name: a.name,
      accessKeyIds: [...a.accessKeys.keys()],
      // only where there are some: which of those keys are the account's own root keys (kind: root)
      ...(a.rootKeys?.size ? { rootAccessKeyIds: [...a.rootKeys] } : {}),
      roles: [...a.roles.values()].map((r) => ({
        name: r.name,
        trust: r.trust,
        externalIdRequired: r.externalId !== undefined,
        maxSessionDuration: r.maxSessionDuration,
      })),
    })),
    sessions: [...world.sessions.values()].map((s) => ({
      accessKeyId: s.accessKeyId,
      account: s.account,
      roleArn: s.roleArn,
      sessionName: s.sessionName,
      expiration: new Date(s.expiresAt).toISOString(),
      expired: now >= s.expiresAt,
    })),
    vpcs: [...world.vpcs.values()],
    securityGroups: [...world.groups.values()],
    instances: [...world.instances.values()],
  };
}

function matches(url: URL, item: object, keys: string[]): boolean {
  return keys.every((k) => {
    const want = url.searchParams.get(k);
    return want === null || String((item as Record<string, unknown>)[k]) === want;
  });
}

function isClear(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { clear?: unknown }).clear === true;
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; issues: Issue[] } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8') || 'null') };
  } catch (err) {
    return { ok: false, issues: [{ path: '(body)', message: `not JSON: ${(err as Error).message}` }] };
  }
}

function invalid(res: ServerResponse, issues: Issue[]): void {
  reply(res, 400, {
    Code: 'InvalidBody',
    Message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    Issues: issues,
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
}
