import type { RequestContext } from './context';

/** STUB — to be completed: the CloudEvents EventBridge would deliver for successful writes. */
export class EventLog {
  readonly events: Record<string, unknown>[] = [];
  constructor(readonly pushUrl?: string) {}
  recordWrite(_ctx: RequestContext, _response: Record<string, unknown>): void {}
  clear(): void {
    this.events.length = 0;
  }
}
