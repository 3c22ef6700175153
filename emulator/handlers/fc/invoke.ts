import type { IncomingHttpHeaders } from 'node:http';
import { apiError } from '../../errors/api-errors';
import type { Caller, World } from '../../models/world';
import { parseRoleArn } from '../../models/identity';
import { findRole, issueSession } from '../sts/sessions';
import type {
  FunctionCredentials,
  FunctionContext,
  FunctionRegistry,
  InvocationRecord,
  RegisteredFunction,
} from './registry';

export interface InvokeResult {
  status: number;
  body: Buffer | string;
  headers: Record<string, string>;
}

export interface InvokeEnv {
  world: World;
  functions: FunctionRegistry;
  now: number;
}

/**
 * FC 3.0 InvokeFunction. Sync: run and answer 200 with the result (an error thrown by the handler is
 * still 200, flagged by `x-fc-error-type`). Async: answer 202 at once and run after responding.
 */
export async function handleInvoke(
  env: InvokeEnv,
  name: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  caller: Caller,
  requestId: string,
): Promise<InvokeResult> {
  const fn = env.functions.get(decodeURIComponent(name));
  if (!fn) throw apiError('FunctionNotFound', `function not found: ${decodeURIComponent(name)}`);
  const async = String(headers['x-fc-invocation-type'] ?? 'Sync').toLowerCase() === 'async';
  if (async) {
    startAsync(env, fn, body, caller, requestId);
    return { status: 202, body: '', headers: {} };
  }
  const record = newRecord(env, fn, caller, requestId, 'Sync');
  const context = contextFor(env, fn, caller, requestId, record);
  await run(fn, body, context, record);
  const out: Record<string, string> = {};
  if (String(headers['x-fc-log-type'] ?? '').toLowerCase() === 'tail')
    out['x-fc-log-result'] = Buffer.from(record.logs.join('\n').slice(-4096)).toString('base64');
  if (record.status === 'failed') {
    return {
      status: 200,
      body: JSON.stringify(record.error),
      headers: { ...out, 'x-fc-error-type': 'UnhandledInvocationError', 'content-type': 'application/json' },
    };
  }
  const encoded = encodeResult(record.result);
  return { status: 200, body: encoded.body, headers: { ...out, ...encoded.headers } };
}

function newRecord(
  env: InvokeEnv,
  fn: RegisteredFunction,
  caller: Caller,
  requestId: string,
  type: 'Sync' | 'Async',
  attempt?: number,
): InvocationRecord {
  const record: InvocationRecord = {
    requestId,
    name: fn.name,
    type,
    accountId: caller.account,
    status: 'running',
    logs: [],
  };
  if (attempt !== undefined) record.attempt = attempt;
  env.functions.invocations.push(record);
  return record;
}

/**
 * An async invocation: runs after the answer; a failed run is run again up to the function's
 * `maxAsyncRetryAttempts` (FC retries HandledInvocationError and UnhandledInvocationError, 3 times by default;
 * here only when configured), then the invocation goes to the dead letters and to the `onFailure` function.
 */
function startAsync(env: InvokeEnv, fn: RegisteredFunction, body: Buffer, caller: Caller, requestId: string): void {
  const retries = fn.options.asyncInvoke?.maxAsyncRetryAttempts ?? 0;
  const first = newRecord(env, fn, caller, requestId, 'Async');
  const context = contextFor(env, fn, caller, requestId, first);
  const attempts = async (): Promise<void> => {
    let record = first;
    await run(fn, body, context, record);
    for (let attempt = 2; record.status === 'failed' && attempt <= retries + 1; attempt++) {
      record = newRecord(env, fn, caller, requestId, 'Async', attempt);
      await run(fn, body, { ...context, logger: contextFor(env, fn, caller, requestId, record).logger }, record);
    }
    if (record.status === 'failed')
      deadLetter(env, fn, body, caller, { requestId, attempts: record.attempt ?? 1, record });
  };
  env.functions.track(new Promise<void>((resolve) => setImmediate(() => attempts().then(() => resolve()))));
}

/** FC's failure destination: the invocation's context, its payload and its last error (shape UNCONFIRMED, COVERAGE.md). */
function deadLetter(
  env: InvokeEnv,
  fn: RegisteredFunction,
  body: Buffer,
  caller: Caller,
  failed: { requestId: string; attempts: number; record: InvocationRecord },
): void {
  const error = failed.record.error ?? { errorType: 'Error', errorMessage: '' };
  env.functions.deadLetters.push({
    requestId: failed.requestId,
    functionName: fn.name,
    requestPayload: body.toString('utf8'),
    attempts: failed.attempts,
    error,
  });
  const target = fn.options.asyncInvoke?.onFailure;
  const destination = target === undefined ? undefined : env.functions.get(target);
  if (!destination) return;
  const payload = {
    timestamp: env.now,
    requestContext: {
      requestId: failed.requestId,
      functionArn: `acs:fc:${env.world.region}:${caller.account}:functions/${fn.name}`,
      condition: 'UnhandledInvocationError',
      approximateInvokeCount: failed.attempts,
    },
    requestPayload: body.toString('utf8'),
    responseContext: { statusCode: 200, functionError: 'UnhandledInvocationError' },
    responsePayload: JSON.stringify(error),
  };
  startAsync(env, destination, Buffer.from(JSON.stringify(payload)), caller, `${failed.requestId}-onfailure`);
}

async function run(
  fn: RegisteredFunction,
  event: Buffer,
  context: FunctionContext,
  record: InvocationRecord,
): Promise<void> {
  try {
    record.result = await fn.handler(event, context);
    record.status = 'succeeded';
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    record.status = 'failed';
    record.error = { errorType: e.name || 'Error', errorMessage: e.message };
  }
}

function encodeResult(result: unknown): { body: Buffer | string; headers: Record<string, string> } {
  if (Buffer.isBuffer(result)) return { body: result, headers: { 'content-type': 'application/octet-stream' } };
  if (typeof result === 'string') return { body: result, headers: { 'content-type': 'text/plain;charset=utf-8' } };
  if (result === undefined || result === null) return { body: '', headers: {} };
  return { body: JSON.stringify(result), headers: { 'content-type': 'application/json' } };
}

function contextFor(
  env: InvokeEnv,
  fn: RegisteredFunction,
  caller: Caller,
  requestId: string,
  record: InvocationRecord,
): FunctionContext {
  const log =
    (level: string) =>
    (...args: unknown[]) =>
      record.logs.push(`${level} ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
  return {
    requestId,
    credentials: credentialsFor(env, fn, caller),
    function: {
      name: fn.name,
      handler: fn.options.handler ?? 'index.handler',
      memory: fn.options.memory ?? 512,
      timeout: fn.options.timeout ?? 60,
    },
    service: { name: '', logProject: '', logStore: '', qualifier: 'LATEST', versionId: '' },
    region: env.world.region,
    accountId: caller.account,
    logger: { debug: log('DEBUG'), info: log('INFO'), warn: log('WARN'), error: log('ERROR') },
  };
}

/**
 * A function with a role gets a fresh session of it (as FC assumes the execution role; no trust
 * check, FC is a service principal). Without a role, a caller holding a session lends it; a
 * long-lived key is never handed to function code.
 */
function credentialsFor(env: InvokeEnv, fn: RegisteredFunction, caller: Caller): FunctionCredentials | undefined {
  if (fn.options.role) {
    const ref = parseRoleArn(fn.options.role);
    const account = ref && env.world.accounts.get(ref.account);
    const role = ref && account && findRole(account, ref.name);
    if (!account || !role)
      throw apiError(
        'EntityNotExist.Role',
        `The execution role ${fn.options.role} of function ${fn.name} does not exist.`,
      );
    const s = issueSession(
      env.world,
      account,
      role,
      `fc-${fn.name}`.slice(0, 64),
      Math.min(3600, role.maxSessionDuration),
      env.now,
    );
    return { accessKeyId: s.accessKeyId, accessKeySecret: s.secret, securityToken: s.token };
  }
  const s = caller.session;
  return s ? { accessKeyId: s.accessKeyId, accessKeySecret: s.secret, securityToken: s.token } : undefined;
}
