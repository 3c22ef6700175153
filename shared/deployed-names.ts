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
