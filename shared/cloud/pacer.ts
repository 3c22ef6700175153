import { isSgPairingError } from '../errors';

/**
 * Paces the calls to one rate-limited party (an account's ECS API, the hub's STS): at most `limit`
 * in flight, where the limit adapts the TCP way. Throttling halves it and closes a gate until the
 * server's retry-after; each window of successes raises it by one, up to `max`. So a run settles at
 * the rate the account allows instead of hammering it with requests that will be refused.
 */
export class Pacer {
  private limit: number;
  private inFlight = 0;
  private successes = 0;
  private gateUntil = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    initial: number,
    private readonly max: number = initial,
    private readonly now: () => number = Date.now,
  ) {
    this.limit = Math.max(1, initial);
  }

  get concurrency(): number {
    return this.limit;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      const out = await call();
      this.succeeded();
      return out;
    } catch (err) {
      if (isSgPairingError(err) && err.code.startsWith('Throttling')) this.throttled((err as { retryAfterMs?: number }).retryAfterMs);
      throw err;
    } finally {
      this.inFlight -= 1;
      this.wake();
    }
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const wait = this.gateUntil - this.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else if (this.inFlight < this.limit) break;
      else await new Promise<void>((r) => this.waiting.push(r));
    }
    this.inFlight += 1;
  }

  /** Waiters re-check the gate and the limit when woken, so waking one too many is harmless. */
  private wake(): void {
    for (let free = this.limit - this.inFlight; free > 0 && this.waiting.length > 0; free--) this.waiting.shift()!();
  }

  private succeeded(): void {
    this.successes += 1;
    if (this.successes >= this.limit && this.limit < this.max) {
      this.limit += 1;
      this.successes = 0;
    }
  }

  private throttled(retryAfterMs: number | undefined): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successes = 0;
    if (retryAfterMs !== undefined && retryAfterMs > 0) this.gateUntil = Math.max(this.gateUntil, this.now() + retryAfterMs);
  }
}

/** One pacer per party, created on first use. */
export class Pacers {
  private readonly byKey = new Map<string, Pacer>();
  constructor(private readonly initial: number, private readonly max: number = initial) {}

  for(key: string): Pacer {
    let p = this.byKey.get(key);
    if (!p) this.byKey.set(key, (p = new Pacer(this.initial, this.max)));
    return p;
  }
}
