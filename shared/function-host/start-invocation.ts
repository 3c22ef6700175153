import type { NormalizedConfig } from '../config';
import { toSgPairingError } from '../errors';
import { invocationLogger, runtimeForInvocation, type FcContext } from './function-runtime';
import { functionConfig } from './load-function-config';
import type { Logger } from '../log';
import type { RetryPolicy } from '../cloud/retry';
import type { Runtime } from './runtime';
import { invocationRetryPolicy } from './invocation-retry';

export interface Invocation {
  log: Logger;
  config: NormalizedConfig;
  runtime: Runtime;
  /** the retry budget of this invocation (see invocationRetryPolicy) */
  retry: RetryPolicy;
}

/**
 * What every function needs first: its logger (one JSON line per step), the config validated at
 * cold start, the process-wide runtime with this invocation's credentials, and its retry budget.
 * An invalid config fails every invocation loudly: an error line with all its diagnostics, then
 * the error is thrown.
 */
export async function startInvocation(context: FcContext, trigger: string): Promise<Invocation> {
  const log = invocationLogger(context, trigger);
  let config: NormalizedConfig;
  try {
    config = await functionConfig();
  } catch (err) {
    const e = toSgPairingError(err, { operation: 'loadConfig' });
    const diagnostics = (err as { diagnostics?: unknown }).diagnostics;
    log.error('config', {
      result: 'invalid',
      code: e.code,
      message: e.message,
      ...(diagnostics ? { diagnostics } : {}),
    });
    throw e;
  }
  return { log, config, runtime: runtimeForInvocation(config.region, context), retry: invocationRetryPolicy(context) };
}
