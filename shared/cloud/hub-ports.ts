/** The ports the hub's own identity (the function's role) reaches: the Resource Directory, FC, OSS, EventBridge. */

/** One member of a Resource Directory as ListAccounts / ListAccountsForParent report it. */
export interface DirectoryAccount {
  accountId: string;
  displayName: string;
  folderId: string;
  /** CreateSuccess, InviteSuccess, PromoteSuccess, ... (see shared/directory/discover-accounts.ts) */
  status: string;
  tags: Record<string, string>;
}

/** Resource Manager's Resource Directory reads, as the hub (its management account or a delegated administrator). */
export interface DirectoryPort {
  /** every member (ListAccounts), or the direct members of one folder (ListAccountsForParent); all pages */
  listDirectoryAccounts(folderId?: string): Promise<DirectoryAccount[]>;
}

/** Function Compute 3.0 as seen by the function's own identity (fan-out to the worker). */
export interface FunctionsPort {
  /** InvokeFunction with `x-fc-invocation-type: Async`: queued, answered 202 with FC's request id */
  invokeAsync(functionName: string, payload: Buffer): Promise<{ requestId: string }>;
}

/** An object store bucket (OSS) as the hub's own identity: the run history. */
export interface ObjectStorePort {
  /** PutObject: the whole body, as JSON */
  putObject(key: string, body: string): Promise<void>;
  /** GetObject: the body as text (throws NoSuchKey when absent) */
  getObject(key: string): Promise<string>;
  /** ListObjectsV2: every object under `prefix`, in key order (pages followed) */
  listObjects(prefix: string): Promise<StoredObject[]>;
}

export interface StoredObject {
  key: string;
  /** ISO 8601, as the store reports it */
  lastModified: string;
}

/** One CloudEvent as EventBridge's PutEvents takes it. */
export interface BusEvent {
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  data: unknown;
}

/** An EventBridge bus of the hub as the hub's own identity: the events out. */
export interface EventBusPort {
  /** PutEvents to the bus; throws when the bus refused any entry */
  putEvents(busName: string, events: readonly BusEvent[]): Promise<void>;
}
