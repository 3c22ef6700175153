/**
 * What an EventBridge event is trusted for: which account, region, instances and groups were
 * touched, never what changed. The reconciler re-reads everything in the scope this narrows.
 */
export interface TouchedResources {
  /** CloudEvent id, for the log */
  readonly eventId: string;
  /** `ApiCall:<eventName>` or `StateChange:<state>`, for the log */
  readonly cause: string;
  readonly accountId: string;
  readonly region: string;
  /** sorted, unique */
  readonly instanceIds: readonly string[];
  /** sorted, unique */
  readonly groupIds: readonly string[];
  /**
   * The call may have changed or removed rules of `groupIds` (Revoke, ModifySecurityGroupRule,
   * DeleteSecurityGroup): pairings that may receive in those groups are in scope too.
   */
  readonly groupRulesChanged: boolean;
  /**
   * A burst: the account named more resources in one batch than are carried; every pairing with a
   * side in this account (and region) is in scope, `instanceIds` and `groupIds` are empty.
   */
  readonly wholeAccount?: boolean;
}

/** Why an event, or a touched account, leads to no reconcile (stable CamelCase tokens). */
export type IgnoreReason =
  | 'InvalidJson'
  | 'NotACloudEvent'
  | 'UnhandledType'
  | 'InvalidRecord'
  | 'UnhandledEventName'
  | 'FailedApiCall'
  | 'StateNotRunning'
  | 'MissingAccount'
  | 'MissingRegion'
  | 'NoResources'
  | 'UndeclaredAccount'
  | 'OtherRegion'
  | 'NestingTooDeep'
  | 'UnreadableEvent'
  | 'AccountMismatch';

/** Reasons that may mean a crafted or broken event: logged as warnings, not as routine. */
export const SUSPECT_REASONS: ReadonlySet<IgnoreReason> = new Set([
  'NestingTooDeep',
  'UnreadableEvent',
  'AccountMismatch',
]);

export interface IgnoredEvent {
  readonly reason: IgnoreReason;
  readonly message: string;
  readonly eventId?: string;
  readonly cause?: string;
  readonly accountId?: string;
  readonly region?: string;
  /** AccountMismatch: the account fields that disagree, by path (account IDs only) */
  readonly fields?: Readonly<Record<string, string>>;
}

/** The parse of one CloudEvent: never an exception. */
export type ParsedEvent =
  | { readonly kind: 'touched'; readonly touched: TouchedResources }
  | { readonly kind: 'ignored'; readonly ignored: IgnoredEvent };

export const ignored = (
  reason: IgnoreReason,
  message: string,
  about: Omit<IgnoredEvent, 'reason' | 'message'> = {},
): ParsedEvent => ({
  kind: 'ignored',
  ignored: { reason, message, ...withoutUndefined(about) },
});

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
