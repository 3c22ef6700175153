import { cloudErrorCode, type CloudErrorCode, type ErrorCode } from '../../error-codes';
import { SgPairingError } from '../../errors';
import { isTransientCloudCode } from '../retry';

export interface OperationContext {
  operation: string;
  account?: string;
  group?: string;
}

/**
 * Re-wraps an SDK or network failure as an SgPairingError carrying only code, status and message:
 * never the request, its headers or the credentials the SDK error object may reference.
 */
export function fromSdkError(err: unknown, context: OperationContext): SgPairingError {
  const where = [
    context.operation,
    context.account && `account ${context.account}`,
    context.group && `group ${context.group}`,
  ]
    .filter(Boolean)
    .join(', ');
  // already in the house's words (the credential chain found nothing): keep code and message, add where
  if (err instanceof SgPairingError)
    return new SgPairingError(`${err.message} (${where})`, {
      code: err.code,
      retryable: err.retryable,
      ...context,
      cause: err,
    });
  const e = (err ?? {}) as {
    name?: string;
    code?: unknown;
    statusCode?: unknown;
    message?: unknown;
    data?: { Message?: unknown };
    retryAfter?: unknown;
  };
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const name = String(e.name ?? '');
  let code: ErrorCode | CloudErrorCode;
  let retryable: boolean;
  let message: string;
  if (typeof e.code === 'string' && status !== undefined) {
    code = cloudErrorCode(e.code);
    retryable = isTransientCloudCode(code) || status >= 500;
    message = typeof e.data?.Message === 'string' ? e.data.Message : String(e.message ?? code);
  } else if (name === 'RequestTimeoutError' || /timeout/i.test(String(e.message ?? ''))) {
    code = 'RequestTimeout';
    retryable = true;
    message = 'the request timed out';
  } else if (typeof e.code === 'string' && /^E[A-Z]+/.test(e.code)) {
    code = 'NetworkError';
    retryable = true;
    message = `network error ${e.code}`;
  } else {
    code = 'UnexpectedResponse';
    retryable = true;
    message = err instanceof Error ? err.message : String(err);
  }
  const wrapped = new SgPairingError(`${code}: ${message} (${where})`, { code, retryable, ...context });
  if (typeof e.retryAfter === 'number')
    (wrapped as SgPairingError & { retryAfterMs?: number }).retryAfterMs = e.retryAfter;
  return wrapped;
}
