import { apiError } from '../errors/api-errors';

/**
 * Default allowed difference between the client's x-acs-date and the emulator's clock: 15 minutes
 * (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature).
 */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 15 * 60_000;

const SDK_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Replay protection: the request's timestamp must be within the skew window, and its nonce unseen
 * within that window. Memory is bounded: nonces older than the window are forgotten (a replay that
 * old already fails the timestamp check), and at most `capacity` are kept.
 */
export class Freshness {
  private readonly seen = new Map<string, number>();

  constructor(
    public maxSkewMs = DEFAULT_MAX_CLOCK_SKEW_MS,
    private readonly capacity = 100_000,
  ) {}

  check(date: string, nonce: string, now: number): void {
    if (!SDK_DATE.test(date))
      throw apiError('InvalidTimeStamp.Format', `Specified time stamp or date value is not well formatted: "${date}".`);
    const sent = Date.parse(date);
    if (Math.abs(now - sent) > this.maxSkewMs) {
      throw apiError(
        'InvalidTimeStamp.Expired',
        `Specified time stamp or date value is expired: ${date} differs from the server time by more than ${Math.round(this.maxSkewMs / 60_000)} min.`,
      );
    }
    this.forgetOlderThan(now - this.maxSkewMs);
    if (this.seen.has(nonce)) throw apiError('SignatureNonceUsed');
    this.seen.set(nonce, now);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
  }

  get size(): number {
    return this.seen.size;
  }

  clear(): void {
    this.seen.clear();
  }

  /** Entries are in insertion order, which is time order unless the clock is moved back. */
  private forgetOlderThan(limit: number): void {
    for (const [nonce, at] of this.seen) {
      if (at >= limit) return;
      this.seen.delete(nonce);
    }
  }
}
