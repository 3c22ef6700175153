/**
 * The names sg-pairing is deployed under (deploy/s.yaml and the IAM plan agree on them): what one
 * part of the product uses to find another in the cloud.
 */

/** the FC 3.0 function the scheduled fan-out invokes, one shard at a time */
export const WORKER_FUNCTION = 'sg-pairing-reconcile-worker';

/** the MNS queue s.yaml names as the worker's async onFailure destination */
export const FAILURE_QUEUE = 'sg-pairing-dlq';

/** the hub role's ARN in the IAM plan until the operator names the real one */
export const HUB_ROLE_PLACEHOLDER = 'acs:ram::<hub-account-id>:role/sg-pairing-hub';

/** the hub functions' execution role, by name (the ARN in the IAM plan is acs:ram::<hub>:role/<this>) */
export const HUB_ROLE_NAME = 'sg-pairing-hub';

/** the function the routed ECS events reach (s.yaml instanceEvents) */
export const INSTANCE_EVENTS_FUNCTION = 'sg-pairing-instance-events';

/** the hub's custom event bus the member accounts route their ECS events to (bootstrap's hub.ros.yaml) */
export const HUB_EVENT_BUS = 'sg-pairing';

/** the hub role member accounts' EventBridge assumes to deliver to HUB_EVENT_BUS */
export const EVENT_DELIVERY_ROLE = 'sg-pairing-event-delivery';
