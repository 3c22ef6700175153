import { isSgPairingError } from '../errors';

/** A party left alone this long has its quota back (buckets refill at their rate per second). */
export const IDLE_RESTART_MS = 1_000;

/**
 * Paces the calls to one rate-limited party (an account's ECS API, the hub's STS): at most `limit`
 * in flight, where the limit adapts the TCP way. Throttling halves it, once per burst of calls (the
 * refusals of calls already in flight belong to the same congestion), and closes a gate until the
 * server's retry-after; each window of successes raises it by one, up to `max`; after a second of
 * idleness it starts again from `initial` (a token bucket has refilled meanwhile: a run's writes,
 * after its reads, would otherwise crawl at the reads' throttled pace). So a run settles at the
 * rate the account allows instead of hammering it with requests that will be refused.
 */
export class Pacer {
  private limit: number;
  private readonly initial: number;
  private inFlight = 0;
  private successes = 0;
  private gateUntil = 0;
  /** bumped at each reduction: a throttled call sent before it does not reduce again */
  private epoch = 0;
  private idleSince: number;
  /** the server's last retry-after hint: about the time one call's quota takes to come back */
  private tokenMs = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    initial: number,
    private readonly max: number = initial,
    private readonly now: () => number = Date.now,
  ) {
    this.initial = Math.max(1, initial);
    this.limit = this.initial;
    this.idleSince = now();
  }

  get concurrency(): number {
    return this.limit;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    await this.acquire();
    const sentIn = this.epoch;
    try {
      const out = await call();
      this.succeeded();
      return out;
    } catch (err) {
      if (isSgPairingError(err) && err.code.startsWith('Throttling'))
        this.throttled(sentIn, (err as { retryAfterMs?: number }).retryAfterMs);
      throw err;
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idleSince = this.now();
      this.wake();
    }
  }

  private async acquire(): Promise<void> {
    // back to `initial` only once the quota has had time to refill that many calls: a second for a
    // per-second quota, longer for a party whose hints say it refills slower
    const restartMs = Math.max(IDLE_RESTART_MS, this.initial * this.tokenMs);
    if (this.inFlight === 0 && this.now() - this.idleSince >= restartMs && this.limit < this.initial) {
      this.limit = this.initial;
      this.successes = 0;
    }
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

  private throttled(sentIn: number, retryAfterMs: number | undefined): void {
    if (sentIn === this.epoch) {
      this.limit = Math.max(1, Math.floor(this.limit / 2));
      this.successes = 0;
      this.epoch += 1;
    }
    if (retryAfterMs !== undefined && retryAfterMs > 0) {
      this.gateUntil = Math.max(this.gateUntil, this.now() + retryAfterMs);
      this.tokenMs = retryAfterMs;
    }
  }
}

/** One pacer per party, created on first use. */
export class Pacers {
  private readonly byKey = new Map<string, Pacer>();
  constructor(
    private readonly initial: number,
    private readonly max: number = initial,
  ) {}

  for(key: string): Pacer {
    let p = this.byKey.get(key);
    if (!p) this.byKey.set(key, (p = new Pacer(this.initial, this.max)));
    return p;
  }
}
