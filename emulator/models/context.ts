import type { Caller, World } from './world';

/** A touched resource, for the ActionTrail event a successful write produces. */
export interface EventFacts {
  /** ids by ActionTrail resource type, e.g. { 'ACS::ECS::Instance': ['i-1'] } */
  referencedResources: Record<string, string[]>;
  /** instance state changes the call caused (each becomes an ecs:Instance:StateChange event) */
  stateChanges: { instanceId: string; state: string }[];
}

/** What a handler gets: the caller, decoded parameters, the world, and a place to record event facts. */
export interface RequestContext {
  action: string;
  caller: Caller;
  /** decoded request parameters (query ∪ form body), wire names */
  params: Record<string, string>;
  region: string;
  requestId: string;
  /** epoch ms (the emulator's clock) */
  now: number;
  world: World;
  facts: EventFacts;
  /** how long a rule added now stays invisible to Describe (eventual-consistency fault); 0 = at once */
  visibilityDelayMs: number;
}

/** A handler parses its parameters, asks the model, and returns the response body without RequestId. */
export type Handler = (ctx: RequestContext) => Record<string, unknown>;

/** Write actions: a successful one produces an ActionTrail event. */
export type HandlerTable = Record<string, { handler: Handler; write: boolean }>;
