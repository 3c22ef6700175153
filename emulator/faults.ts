import type { ApiError } from './errors';

/** STUB — to be completed: injectable latency, throttling, 5xx, timeouts, rate limits, visibility delay. */
export class Faults {
  async before(_action: string, _account: string, _now: number): Promise<ApiError | 'hang' | undefined> {
    return undefined;
  }
  visibilityDelayMs(_account: string): number {
    return 0;
  }
  clear(): void {}
}
