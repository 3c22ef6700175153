export { forgetFunctionConfig, functionConfig, loadFunctionConfig } from './load-function-config';
export { forgetFunctionRuntime, invocationLogger, runtimeForInvocation, type FcContext } from './function-runtime';
export {
  logReport,
  reconcileOutcome,
  rejectInput,
  retryableFailure,
  terminalFailure,
  summarizeReport,
  type InvocationOutcome,
  type ReportSummary,
  type RunAnswer,
} from './invocation-outcome';
export { invocationRetryPolicy } from './invocation-retry';
export { createRuntime, type BaseIdentity, type Runtime } from './runtime';
export { startInvocation, type Invocation } from './start-invocation';
