/**
 * The product's own error codes: the catalogue's keys are the type, so a misspelt code fails to
 * compile. Callers and tests branch on these, never on messages. Codes the cloud answered with
 * (an SDK error such as 'Throttling.User' or 'InvalidSecurityGroupId.NotFound') are the cloud's:
 * they pass through as `CloudErrorCode`, spelt as the cloud spelt them.
 */
export const ERROR_CODES = {
  // configuration and options
  ConfigInvalid: 'the config has errors (the diagnostics name each)',
  ConfigUnreadable: 'the config file cannot be read',
  EndpointInvalid: 'an endpoint override is not a usable URL',
  FanoutOptionsInvalid: 'the fan-out options (accounts per shard, worker function) are invalid',
  RetryOptionsInvalid: 'the retry options (attempts, throttle wait) are invalid',
  InvalidShardLimit: 'a fan-out shard would act in fewer than one account',
  // what a caller asked for
  UnknownPairing: 'a pairing name the config does not declare',
  UnknownAccount: 'an account the config does not declare',
  CredentialsNotFound: 'the default credential chain found no credentials (env, credentials file, instance role, ...)',
  VerifyNotEnabled: 'the pairing has not opted in to verify',
  InvalidProbeHost: 'a probe target that is not a parsed IPv4 or IPv6 address: verify sends no probe to it',
  VerifyCommandMismatch: "a Cloud Assistant command of verify's name holds another script: it is never invoked",
  // trigger payloads and HTTP requests
  InvalidJson: 'a trigger payload that is not JSON',
  InvalidPayload: 'a worker payload or CloudEvent that does not match its schema',
  InvalidTimerEvent: 'a timer trigger event that does not match its schema',
  BadEvent: 'an HTTP trigger event that is not an FC 3.0 HTTP event',
  MalformedBody: 'an HTTP body that is not a JSON object',
  InvalidBody: 'an HTTP body whose fields do not match the route',
  InvalidQuery: 'query parameters the route does not take',
  // HTTP answers (the status says the rest)
  Unauthorized: 'no or a wrong bearer token',
  NotFound: 'no such route',
  MethodNotAllowed: 'the route answers another method',
  PayloadTooLarge: 'the body is over the limit',
  UnsupportedMediaType: 'the body is not sent as JSON',
  NotImplemented: 'this face does not offer the route',
  HttpAuthNotConfigured: 'the HTTP face has no token and no explicit SG_PAIRING_HTTP_AUTH=none: it refuses everything',
  ReconcileInProgress: 'a reconcile of every pairing already runs on this instance',
  TooManyVerifications: 'this instance already runs its limit of verifications at once',
  UnexpectedHost: 'sg-pairing serve: the Host header names neither localhost nor the bound address',
  CloudUnavailable: 'the cloud failed in a way a retry may fix',
  InternalError: "a failure a retry will not fix, and not the caller's doing",
  // the cloud, as the product names its failures
  AccessDenied: "the account's role refused AssumeRole (trust, ExternalId or existence)",
  RootAccessKey: "the base identity is an account's own (root) AccessKey: STS lets no root account assume roles",
  OwnerIdUnsafe: 'an account UID too large to send as a number without losing digits',
  RequestTimeout: 'a cloud request timed out',
  NetworkError: 'a cloud request failed on the network',
  UnexpectedResponse: 'the cloud answered something the adapter could not read',
  // what the plan refuses to write
  AddressNotAllowed:
    "a member's address outside the private and declared ranges, or outside its VPC's CIDR blocks: never opened in a peer's group",
  // outcomes
  RetryableFailure: 'pairings failed in a way a later run may fix',
  Unexpected: 'anything thrown that was not an SgPairingError',
  // saved plans (sg-pairing plan --out / apply FILE)
  SavedPlanInvalid:
    'a saved plan that is not JSON, not of this version, edited by hand, or planned from another config: refused before any read',
  StalePlan: 'a saved plan whose basis moved (a group it writes to, a member list it used): refused before any write',
  HistoryLocationInvalid: 'SG_PAIRING_HISTORY is not oss://bucket/prefix of OSS safe characters',
  HistoryCorrupt: 'a stored run (latest.json or a run object) is not JSON of a run report',
  HistoryWriteFailed: "a run's report could not be stored (a warning in the report; the run itself is unaffected)",
  EventBusInvalid: 'SG_PAIRING_EVENT_BUS is not an EventBridge bus name',
  EventPublishFailed: "a run's event could not be published (a warning in the report; the run itself is unaffected)",
  RunFailed:
    'a run ended with pairings failed in a way no retry fixes (a role, a permission): the function ends in an error after its work, so FC counts it',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

declare const cloudCode: unique symbol;

/** An error code as the cloud answered it (SDK error codes): not the product's to name. */
export type CloudErrorCode = string & { readonly [cloudCode]: true };

/** The adapters' (and fakes') one way to carry a cloud's own code. */
export function cloudErrorCode(code: string): CloudErrorCode {
  return code as CloudErrorCode;
}
