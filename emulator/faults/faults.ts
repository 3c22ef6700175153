import { apiError, type ApiError } from '../errors/api-errors';
import { parseFaultSpecs, type FaultSpec, type FaultSpecInput } from './fault-spec';
import { mixSeed, seededRandom } from './random';

interface ActiveFault {
  spec: FaultSpec;
  random: () => number;
  /** calls still to fail (failNext) */
  remaining: number;
  /** token buckets per account (rateLimit) */
  buckets: Map<string, { tokens: number; at: number }>;
  /** a stream of its own, so lost responses do not shift the other faults' draws */
  lostRandom: () => number;
}

export type FaultOutcome = ApiError | 'hang' | undefined;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Injectable faults. For each call, every matching spec (in the order they were set) applies:
 * rate limit, then latency, then failNext, then one random draw split between timeout, throttling
 * and 5xx. The first fault that fires answers the call.
 */
export class Faults {
  private readonly active = new Map<string, ActiveFault>();

  /** Adds or replaces specs; throws a FaultSpecError naming the bad fields. */
  set(input: FaultSpecInput | FaultSpecInput[]): FaultSpec[] {
    const parsed = parseFaultSpecs(input);
    if (!parsed.ok) throw new FaultSpecError(parsed.issues);
    for (const spec of parsed.value) {
      const key = `${spec.action}|${spec.account}`;
      this.active.delete(key); // a replaced spec moves to the end
      this.active.set(key, {
        spec,
        random: seededRandom(mixSeed(spec.seed, key)),
        lostRandom: seededRandom(mixSeed(spec.seed + 1, key)),
        remaining: spec.failNext?.count ?? 0,
        buckets: new Map(),
      });
    }
    return parsed.value;
  }

  list(): (FaultSpec & { failNextRemaining?: number })[] {
    return [...this.active.values()].map((f) =>
      f.spec.failNext ? { ...f.spec, failNextRemaining: f.remaining } : f.spec,
    );
  }

  clear(): void {
    this.active.clear();
  }

  async before(action: string, account: string, now: number): Promise<FaultOutcome> {
    if (this.active.size === 0) return undefined;
    const matching = this.matching(action, account);
    for (const f of matching) {
      const limited = this.rateLimited(f, account, now);
      if (limited) return limited;
    }
    const latency = Math.max(0, ...matching.map((f) => f.spec.latencyMs ?? 0));
    if (latency > 0) await sleep(latency);
    for (const f of matching) {
      if (f.remaining > 0 && f.spec.failNext) {
        f.remaining -= 1;
        return apiError(f.spec.failNext.code, `Injected fault: failNext (${f.remaining} left).`);
      }
    }
    for (const f of matching) {
      const { timeoutRate = 0, throttleRate = 0, errorRate = 0 } = f.spec;
      if (timeoutRate + throttleRate + errorRate === 0) continue;
      const x = f.random();
      if (x < timeoutRate) return 'hang';
      if (x < timeoutRate + throttleRate)
        return apiError('Throttling.User', undefined, { 'x-acs-retry-after': String(f.spec.retryAfterMs) });
      if (x < timeoutRate + throttleRate + errorRate) return apiError(f.spec.errorCode ?? 'ServiceUnavailable');
    }
    return undefined;
  }

  /** Whether this successful write's response is lost (the change stands; the client times out). */
  loseResponse(action: string, account: string): boolean {
    if (this.active.size === 0) return false;
    return this.matching(action, account).some(
      (f) => f.spec.lostResponseRate !== undefined && f.lostRandom() < f.spec.lostResponseRate,
    );
  }

  /** How long rules written by this call stay invisible; the largest delay of the matching specs. */
  visibilityDelayMs(action: string, account: string): number {
    if (this.active.size === 0) return 0;
    return Math.max(0, ...this.matching(action, account).map((f) => f.spec.visibilityDelayMs ?? 0));
  }

  private matching(action: string, account: string): ActiveFault[] {
    const out: ActiveFault[] = [];
    for (const f of this.active.values()) {
      if (actionMatches(f.spec.action, action) && (f.spec.account === '*' || f.spec.account === account)) out.push(f);
    }
    return out;
  }

  private rateLimited(f: ActiveFault, account: string, now: number): ApiError | undefined {
    const limit = f.spec.rateLimit;
    if (!limit) return undefined;
    const size = limit.burst ?? Math.max(1, Math.floor(limit.perSecond));
    const bucket = f.buckets.get(account) ?? { tokens: size, at: now };
    bucket.tokens = Math.min(size, bucket.tokens + (Math.max(0, now - bucket.at) * limit.perSecond) / 1000);
    bucket.at = now;
    f.buckets.set(account, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    const waitMs = Math.ceil(((1 - bucket.tokens) * 1000) / limit.perSecond);
    return apiError(
      'Throttling.User',
      `Request was denied due to user flow control: more than ${limit.perSecond} calls per second.`,
      { 'x-acs-retry-after': String(waitMs) },
    );
  }
}

export class FaultSpecError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid fault spec: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'FaultSpecError';
  }
}

/** '*' every action; 'X' only X; '!X' every action but X (e.g. ECS's rate limit apart from STS's). */
function actionMatches(spec: string, action: string): boolean {
  return spec === '*' || spec === action || (spec.startsWith('!') && spec.slice(1) !== action);
}
