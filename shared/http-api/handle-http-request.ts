import { isSgPairingError } from '../errors';
import type { Logger } from '../log';
import type { ComplianceModel } from '../compliance';
import type { RunReport } from '../reconcile';
import { answerFailure, answerReport } from './answer-outcome';
import { requestAuthorized } from './bearer-token';
import { HTTP_TOKEN_VARIABLE, type HttpAuth } from './http-auth';
import { createInstanceLimits, withinGate, type InstanceLimits } from './instance-limits';
import { errorResponse, jsonResponse, refuseInput, type HttpRequest, type HttpResponse } from './http-message';
import { parsePlanQuery, parseReconcileBody, unknownQuery, type ReconcileRequest } from './reconcile-request';
import type { Parsed } from '../payload';
import type { VerifyReport } from '../verify';
import { answerStatus } from './status-request';
import { answerVerify, type VerifyRequest } from './verify-request';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface HttpApiDeps {
  /** a token every route but /healthz needs; `none` only by explicit opt-out; misconfigured refuses all */
  auth: HttpAuth;
  /** this instance's concurrency limits (default: one set per process) */
  limits?: InstanceLimits;
  /** the one core entry point: reconcile (a dry run for plans) the named pairings */
  reconcile(request: ReconcileRequest): Promise<RunReport>;
  /** probe one pairing through Cloud Assistant; refuses (VerifyNotEnabled) one without `verify: true` */
  verify?(request: VerifyRequest): Promise<VerifyReport>;
  /** the compliance model of a dry run (GET /status, /status.json); never writes */
  compliance?(): Promise<ComplianceModel>;
  log: Logger;
}

type Route = { method: 'GET' | 'POST'; parse(request: HttpRequest): Parsed<ReconcileRequest> | undefined };

const ROUTES: Record<string, Route> = {
  '/healthz': { method: 'GET', parse: () => undefined },
  '/plan': { method: 'GET', parse: (r) => parsePlanQuery(r.query) },
  '/reconcile': {
    method: 'POST',
    parse: (r) => (Object.keys(r.query).length > 0 ? parsePlanQueryAsUnknown(r) : parseReconcileBody(r.body)),
  },
  // its body is parsed by answerVerify
  '/verify': { method: 'POST', parse: () => undefined },
  // answered by answerStatus
  '/status': { method: 'GET', parse: () => undefined },
  '/status.json': { method: 'GET', parse: () => undefined },
};

const ROUTE_LIST =
  'GET /healthz, GET /plan[?pairing=NAME...], POST /reconcile, POST /verify, GET /status, GET /status.json';

/**
 * The HTTP face: GET /healthz, GET /plan (a dry run), POST /reconcile, POST /verify (opt-in
 * Cloud Assistant probes of one pairing). Decides every status from
 * the request and the outcome; never a 5xx for bad input. Order: auth configuration, token (not
 * for /healthz), path, method, size, content type, body, this instance's limits (409 while a
 * reconcile of every pairing runs, 429 past the verifications at once), run.
 */
export async function handleHttpRequest(request: HttpRequest, deps: HttpApiDeps): Promise<HttpResponse> {
  const started = Date.now();
  const response = await answer(request, deps);
  deps.log.info('http', {
    method: request.method,
    path: request.path,
    status: response.statusCode,
    ms: Date.now() - started,
  });
  return response;
}

async function answer(request: HttpRequest, deps: HttpApiDeps): Promise<HttpResponse> {
  const refused = refuseUnauthorized(request, deps);
  if (refused) return refused;
  const route = Object.hasOwn(ROUTES, request.path) ? ROUTES[request.path] : undefined;
  if (!route)
    return errorResponse(404, { code: 'NotFound', message: `no route ${request.path}; routes: ${ROUTE_LIST}` });
  if (request.method !== route.method) {
    return errorResponse(
      405,
      { code: 'MethodNotAllowed', message: `${request.path} answers ${route.method} only` },
      { Allow: route.method },
    );
  }
  if (request.body.length > MAX_BODY_BYTES) {
    return errorResponse(413, {
      code: 'PayloadTooLarge',
      message: `the body is ${request.body.length} bytes; the limit is ${MAX_BODY_BYTES}`,
    });
  }
  if (request.path === '/healthz') return jsonResponse(200, { status: 'ok' });
  if (route.method === 'POST' && request.body.length > 0 && !isJson(request.headers['content-type'])) {
    return errorResponse(415, {
      code: 'UnsupportedMediaType',
      message: `send the body as application/json, not ${request.headers['content-type']}`,
    });
  }
  const limits = deps.limits ?? processLimits;
  if (request.path === '/verify') return answerVerify(request, deps.verify, deps.log, limits.verify);
  if (request.path === '/status' || request.path === '/status.json')
    return answerStatus(request, deps.compliance?.bind(deps), deps.log);
  const parsed = route.parse(request);
  if (parsed && !parsed.ok) return refuseInput(parsed.error);
  const wanted = parsed ? parsed.value : { dryRun: true };
  if (wanted.dryRun || wanted.pairings) return run(wanted, deps);
  return withinGate(limits.fullReconcile, reconcileInProgress, () => run(wanted, deps));
}

/** The limits of this process when the face is not given its own (one FC instance, one `serve`). */
const processLimits = createInstanceLimits();

/** A misconfigured face refuses everything (logged once per instance); else the token, except on /healthz. */
function refuseUnauthorized(request: HttpRequest, deps: HttpApiDeps): HttpResponse | undefined {
  const auth = deps.auth;
  if (auth.mode === 'misconfigured') {
    if (!reported.has(auth.message)) {
      reported.add(auth.message);
      deps.log.error('http.auth-not-configured', { variable: HTTP_TOKEN_VARIABLE, message: auth.message });
    }
    return errorResponse(500, { code: 'HttpAuthNotConfigured', message: auth.message, retryable: false });
  }
  if (request.path === '/healthz' || auth.mode === 'none' || requestAuthorized(request.headers, auth.token))
    return undefined;
  return errorResponse(
    401,
    {
      code: 'Unauthorized',
      message: 'missing or wrong token: send Authorization: Bearer <token> (or X-Sg-Pairing-Token)',
    },
    { 'WWW-Authenticate': 'Bearer realm="sg-pairing"' },
  );
}

/** The misconfigurations this instance has logged already. */
const reported = new Set<string>();

function reconcileInProgress(): HttpResponse {
  return errorResponse(409, {
    code: 'ReconcileInProgress',
    message:
      'a reconcile of every pairing is already running on this instance; retry when it has ended (its report is in the log)',
    retryable: true,
  });
}

async function run(request: ReconcileRequest, deps: HttpApiDeps): Promise<HttpResponse> {
  try {
    return answerReport(await deps.reconcile(request));
  } catch (err) {
    const response = answerFailure(err);
    const error = isSgPairingError(err)
      ? err.toJSON()
      : {
          message: err instanceof Error ? err.message : String(err),
          stack: err instanceof Error ? err.stack : undefined,
        };
    deps.log[response.statusCode >= 500 ? 'error' : 'warn']('http.failed', { error });
    return response;
  }
}

/** Absent is accepted (curl --data-binary, scripts); anything else must be JSON. */
function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  const media = contentType.split(';')[0].trim().toLowerCase();
  return media === 'application/json' || /^application\/[\w.+-]+\+json$/.test(media);
}

function parsePlanQueryAsUnknown(request: HttpRequest): Parsed<ReconcileRequest> {
  const names = Object.keys(request.query).sort();
  return unknownQuery(names, 'POST /reconcile takes its options in the JSON body', 'parseReconcileQuery');
}
