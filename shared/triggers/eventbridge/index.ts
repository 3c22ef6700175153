export { ActionTrailRecordSchema, HANDLED_API_CALLS, type ActionTrailRecord } from './action-trail-schema';
export { ACTION_TRAIL_API_CALL, CloudEventSchema, INSTANCE_STATE_CHANGE, type CloudEvent } from './cloud-event-schema';
export { parseCloudEvent, parseEventBridgeInput } from './parse-event';
export { apiCallGroupIds, apiCallInstanceIds, idList, stateChangeInstanceIds } from './read-resource-ids';
export { reconcileEvents, type EventsDeps, type EventsResult } from './reconcile-events';
export { RELEVANT_STATE, StateChangeSchema, type StateChange } from './state-change-schema';
export type { IgnoredEvent, IgnoreReason, ParsedEvent, TouchedResources } from './touched';
export { computeScope, type EventScope, type ScopeMatch } from './compute-scope';
