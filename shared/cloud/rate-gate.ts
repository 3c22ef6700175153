/**
 * A proactive token bucket: at most `perSecond` calls start per second (after a first `burst`), so a
 * process that knows its share of a party's rate limit never asks past it. The hub's STS quota is one
 * limit for every process of the deployment: fifty shards each retrying at the server's retry-after
 * hint all wake together, and all but one are refused again (measured on the 1,000-account fleet,
 * bench/fleet-scale.ts: 26,165 refused AssumeRole calls for 1,013 answered before this gate).
 */
export class RateGate {
  private tokens: number;
  private at: number;
  /** calls waiting for a token, in arrival order */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number = Math.max(1, Math.floor(perSecond)),
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    if (!(perSecond > 0)) throw new RangeError(`a rate gate needs a positive rate, got ${perSecond}`);
    this.tokens = this.burst;
    this.at = now();
  }

  /** Resolves when the caller may start its call. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn;
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const t = this.now();
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) * this.perSecond) / 1000);
      this.at = t;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.perSecond));
    }
  }
}
