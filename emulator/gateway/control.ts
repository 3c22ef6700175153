import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultSpecError } from '../faults/faults';
import type { Issue } from './issues';
import type { World } from '../models/world';
import { parseScenarioText } from '../scenario/scenario';
import type { Emulator } from './server';

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
  switch (route) {
    case 'GET /health':
      return reply(res, 200, { ok: true });
    case 'GET /state':
      return reply(res, 200, snapshotWorld(e.world, e.clock()));
    case 'GET /calls':
      return reply(
        res,
        200,
        e.calls.records.filter((r) => matches(url, r, ['action', 'account', 'code'])),
      );
    case 'GET /events':
      return reply(
        res,
        200,
        e.events.events.filter((ev) => matches(url, ev, ['type', 'source'])),
      );
    case 'GET /invocations':
      return reply(res, 200, e.functions.invocations);
    case 'GET /faults':
      return reply(res, 200, e.faults.list());
    case 'DELETE /faults':
      e.faults.clear();
      return reply(res, 200, { faults: [] });
    case 'POST /faults': {
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
      return reply(res, 200, { faults: e.faults.list() });
    }
    case 'POST /reset':
      e.reset();
      return reply(res, 200, { reset: true });
    case 'POST /scenario': {
      const parsed = parseScenarioText(body.toString('utf8'));
      if (!parsed.ok) return invalid(res, parsed.issues);
      e.reset(parsed.value);
      return reply(res, 200, {
        loaded: true,
        accounts: parsed.value.accounts.length,
        securityGroups: parsed.value.securityGroups.length,
        instances: parsed.value.instances.length,
      });
    }
    default:
      return reply(res, 404, { Code: 'NotFound', Message: `no control endpoint ${route}; see emulator/COVERAGE.md` });
  }
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
