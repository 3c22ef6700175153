export { decodePayload, type Parsed } from './decode-payload';
export {
  logReport,
  reconcileOutcome,
  rejectInput,
  retryableFailure,
  summarizeReport,
  type InvocationOutcome,
  type RunAnswer,
  type ReportSummary,
} from './invocation-outcome';
export { startInvocation, type Invocation } from './start-invocation';
export { invocationRetryPolicy } from './invocation-retry';
