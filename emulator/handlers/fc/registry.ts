/**
 * The functions an emulated FC 3.0 runs: in-process handlers registered by tests or the demo,
 * called the way FC calls a Node.js handler (`(event: Buffer, context) => Promise<result>`).
 */
export interface FunctionCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
}

export interface FunctionLogger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/**
 * FC's `context` (https://alibabacloud.com/help/doc-detail/426947.html). `credentials` is present when
 * the function has a role (see COVERAGE.md).
 */
export interface FunctionContext {
  requestId: string;
  credentials?: FunctionCredentials;
  function: { name: string; handler: string; memory: number; timeout: number };
  service: { name: string; logProject: string; logStore: string; qualifier: string; versionId: string };
  region: string;
  accountId: string;
  logger: FunctionLogger;
}

export type FunctionHandler = (event: Buffer, context: FunctionContext) => Promise<unknown>;

export interface FunctionOptions {
  /** execution role ARN (`acs:ram::<uid>:role/<name>`); the function gets temporary credentials of it */
  role?: string;
  handler?: string;
  memory?: number;
  timeout?: number;
  /**
   * FC's asynchronous invocation config (https://www.alibabacloud.com/help/en/functioncompute/fc/error-handling-1-2,
   * https://www.alibabacloud.com/help/en/fc/user-guide/result-callback): a failed async run is run again up to
   * `maxAsyncRetryAttempts` times, then the invocation context goes to `onFailure` (the name of a registered
   * function) and to the registry's `deadLetters`. Without it, one attempt (see COVERAGE.md).
   */
  asyncInvoke?: { maxAsyncRetryAttempts?: number; onFailure?: string };
}

/** An async invocation whose every attempt failed: what FC hands a failure destination. */
export interface DeadLetter {
  requestId: string;
  functionName: string;
  /** the invocation's payload, as sent */
  requestPayload: string;
  attempts: number;
  error: { errorType: string; errorMessage: string };
}

export interface InvocationRecord {
  requestId: string;
  name: string;
  type: 'Sync' | 'Async';
  accountId: string;
  status: 'running' | 'succeeded' | 'failed';
  /** an FC retry of an async invocation: 2 for the first retry, and so on (absent on the first run) */
  attempt?: number;
  result?: unknown;
  error?: { errorType: string; errorMessage: string };
  logs: string[];
}

export interface RegisteredFunction {
  name: string;
  handler: FunctionHandler;
  options: FunctionOptions;
}

export class FunctionRegistry {
  readonly functions = new Map<string, RegisteredFunction>();
  readonly invocations: InvocationRecord[] = [];
  /** async invocations whose retries are spent (FC's failure destination) */
  readonly deadLetters: DeadLetter[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  register(name: string, handler: FunctionHandler, options: FunctionOptions = {}): void {
    this.functions.set(name, { name, handler, options });
  }

  unregister(name: string): void {
    this.functions.delete(name);
  }

  get(name: string): RegisteredFunction | undefined {
    return this.functions.get(name);
  }

  /** Tracks an async invocation until it settles. */
  track(p: Promise<unknown>): void {
    const tracked = p.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Resolves once every async invocation started so far (and any they start) has finished. */
  async settled(): Promise<InvocationRecord[]> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    return this.invocations.filter((i) => i.type === 'Async');
  }

  /** Forgets invocation records; registrations stay (they are code, not cloud state). */
  clearInvocations(): void {
    this.invocations.length = 0;
    this.deadLetters.length = 0;
  }
}
