import { createLogger, type Logger } from '../log';
import { createRuntime, type Runtime } from './runtime';

/** What FC hands a handler as `context` (the fields sg-pairing reads). */
export interface FcContext {
  requestId?: string;
  credentials?: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string };
  function?: { name?: string };
  region?: string;
  accountId?: string;
}

let runtime: Runtime | undefined;

/**
 * The process-wide runtime of a function instance. Built on the first invocation and kept, so the
 * per-account AssumeRole cache survives warm invocations; each invocation refreshes the base identity
 * from `context.credentials` (FC's function role), or uses the default chain when there are none.
 */
export function runtimeForInvocation(
  region: string,
  context: FcContext,
  env: NodeJS.ProcessEnv = process.env,
): Runtime {
  const c = context.credentials;
  const identity =
    c?.accessKeyId && c.accessKeySecret
      ? {
          kind: 'static' as const,
          credentials: {
            accessKeyId: c.accessKeyId,
            accessKeySecret: c.accessKeySecret,
            securityToken: c.securityToken || undefined,
          },
        }
      : { kind: 'default-chain' as const };
  if (!runtime) runtime = createRuntime(region, identity, env);
  else runtime.setIdentity(identity);
  return runtime;
}

/** Tests run several emulators in one process. */
export function forgetFunctionRuntime(): void {
  runtime = undefined;
}

/** One JSON line per step on stdout (FC ships it to the log store), keyed by request and trigger. */
export function invocationLogger(
  context: FcContext,
  trigger: string,
  sink: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): Logger {
  return createLogger(sink, { requestId: context.requestId ?? '', trigger, function: context.function?.name ?? '' });
}
