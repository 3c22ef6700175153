export { decodePayload, type Parsed } from './decode-payload';
export {
  logReport,
  rejectInput,
  retryableFailure,
  summarizeReport,
  type InvocationOutcome,
  type ReportSummary,
} from './invocation-outcome';
export { startInvocation, type Invocation } from './start-invocation';
export { invocationRetryPolicy } from './invocation-retry';
