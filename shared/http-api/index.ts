export { answerFailure, answerReport, RETRY_AFTER_SECONDS } from './answer-outcome';
export { presentedTokens, requestAuthorized, tokenMatches, TOKEN_HEADER } from './bearer-token';
export { handleHttpRequest, MAX_BODY_BYTES, type HttpApiDeps } from './handle-http-request';
export { errorResponse, jsonResponse, type HttpErrorBody, type HttpRequest, type HttpResponse } from './http-message';
export {
  parsePlanQuery,
  parseReconcileBody,
  PlanQuerySchema,
  ReconcileBodySchema,
  type ReconcileRequest,
} from './reconcile-request';
export {
  answerVerify,
  parseVerifyBody,
  VERIFY_RETRY_AFTER_SECONDS,
  VerifyBodySchema,
  type VerifyRequest,
} from './verify-request';
export { HTTP_AUTH_VARIABLE, HTTP_TOKEN_VARIABLE, httpAuthFromEnv, type HttpAuth } from './http-auth';
export { createInstanceLimits, MAX_CONCURRENT_VERIFY, type InstanceLimits } from './instance-limits';
export { LOCAL_HOST_NAMES, refuseLocalRequest } from './local-request-guard';
