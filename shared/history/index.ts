export {
  historyKey,
  historyLocationFromEnv,
  latestKey,
  parseHistoryLocation,
  runKey,
  type HistoryLocation,
} from './history-location';
export { listRuns, parseStoredRun, readLatestRun, type RunSummary } from './read-history';
export { EVENT_PAIRINGS_MAX, RUN_EVENT_SOURCE, runEvent, runEventType, type RunEventType } from './run-event';
export { createRunSinks, type RunSinksOptions } from './run-sinks';
export { eventBusFromEnv } from './event-bus-name';
export { runSinksFromEnv, type SinkPorts } from './sinks-from-env';
