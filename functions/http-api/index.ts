/**
 * FC 3.0 HTTP trigger: GET /healthz, GET /plan, POST /reconcile, POST /verify, GET /status(.json) (see docs/http-api.md).
 * Decode the event, let the HTTP face decide, answer with FC's response struct.
 */
import { functionConfig, invocationLogger, runtimeForInvocation, type FcContext } from '../../shared/function-host';
import { decodeFcHttpEvent, encodeFcHttpResponse, type FcHttpResponse } from '../../shared/triggers/http';
import { createInstanceLimits, errorResponse, handleHttpRequest, httpAuthFromEnv } from '../../shared/http-api';
import { evaluateCompliance } from '../../shared/compliance';
import { reconcile } from '../../shared/reconcile';
import { invocationRetryPolicy } from '../../shared/function-host';
import { verifyPairing } from '../../shared/verify';

/** One set per instance: one reconcile of every pairing at a time, two verifications at once. */
const limits = createInstanceLimits();

export async function handler(event: Buffer | string, context: FcContext): Promise<FcHttpResponse> {
  const log = invocationLogger(context, 'http');
  const decoded = decodeFcHttpEvent(event);
  if (!decoded.ok) {
    log.warn('http.bad-event', { message: decoded.message });
    return encodeFcHttpResponse(errorResponse(400, { code: 'BadEvent', message: decoded.message }));
  }
  const runId = context.requestId || undefined;
  const response = await handleHttpRequest(decoded.request, {
    auth: httpAuthFromEnv(process.env),
    limits,
    log,
    reconcile: async ({ pairings, dryRun }) => {
      const config = await functionConfig();
      const runtime = runtimeForInvocation(config.region, context);
      const retry = invocationRetryPolicy(context);
      return reconcile(config, runtime.reconcileDeps(log, 'http'), { pairings, dryRun, runId, retry });
    },
    verify: async ({ pairing }) => {
      const config = await functionConfig();
      const runtime = runtimeForInvocation(config.region, context);
      const retry = invocationRetryPolicy(context);
      const access = runtime.cloudAccess(config, retry);
      return verifyPairing(config, pairing, { ...access, log }, { requireOptIn: true, runId, retry });
    },
    compliance: async () => {
      const config = await functionConfig();
      const runtime = runtimeForInvocation(config.region, context);
      const retry = invocationRetryPolicy(context);
      return evaluateCompliance(config, runtime.reconcileDeps(log), { by: 'http', runId, retry });
    },
  });
  return encodeFcHttpResponse(response);
}
