import { z } from 'zod';
import { isErrorCode } from '../errors/api-errors';
import { formatIssues, type Issue, type Parsed } from '../errors/issues';

/**
 * A fault spec: what goes wrong for the calls it matches. `action` and `account` select the calls
 * ('*' = all; an action `!X` = every action but X); a spec with the same action and account replaces the earlier one. Rates are
 * probabilities per call, drawn from a PRNG seeded with `seed`, so a run is repeatable.
 */
const rate = z.number().min(0).max(1);
const ms = z.number().int().min(0).max(600_000);

export const faultSpecSchema = z
  .strictObject({
    action: z.string().min(1).default('*'),
    account: z.string().min(1).default('*'),
    seed: z.number().int().default(1),
    /** added before the call is handled */
    latencyMs: ms.optional(),
    /** share of calls answered Throttling.User (400) with x-acs-retry-after */
    throttleRate: rate.optional(),
    /** share of calls answered with a 5xx (ServiceUnavailable 503 unless errorCode says otherwise) */
    errorRate: rate.optional(),
    errorCode: z.enum(['ServiceUnavailable', 'InternalError']).optional(),
    /** share of calls never answered (the client's read timeout fires) */
    timeoutRate: rate.optional(),
    /** share of successful writes carried out but never answered: the change stands, the client times out */
    lostResponseRate: rate.optional(),
    /** x-acs-retry-after on throttling answers, in ms */
    retryAfterMs: ms.default(1000),
    /** the next `count` matching calls fail with `code` (a code of the emulator's catalogue) */
    failNext: z
      .strictObject({
        count: z.number().int().min(1),
        code: z.string().refine(isErrorCode, { message: 'not an error code the emulator knows' }),
      })
      .optional(),
    /** rules written by matching calls stay invisible to Describe this long (eventual consistency) */
    visibilityDelayMs: ms.optional(),
    /** token bucket per account: calls per second, burst = bucket size (default perSecond) */
    rateLimit: z
      .strictObject({ perSecond: z.number().positive(), burst: z.number().int().min(1).optional() })
      .optional(),
  })
  .superRefine((s, ctx) => {
    const given = (['timeoutRate', 'throttleRate', 'errorRate'] as const).filter((k) => s[k] !== undefined);
    const values = given.map((k) => s[k] as unknown);
    // out-of-range rates are reported on their own; the sum is checked only for valid ones
    if (values.some((v) => typeof v !== 'number' || v < 0 || v > 1)) return;
    if ((values as number[]).reduce((a, b) => a + b, 0) > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [given[given.length - 1]],
        message: `${given.join(' + ')} must not exceed 1 (one draw per call is split between them)`,
      });
    }
  });

export type FaultSpec = z.output<typeof faultSpecSchema>;
export type FaultSpecInput = z.input<typeof faultSpecSchema>;

/** One spec or a list of them. */
export function parseFaultSpecs(input: unknown): Parsed<FaultSpec[]> {
  const list = Array.isArray(input) ? input : [input];
  const issues: Issue[] = [];
  const specs: FaultSpec[] = [];
  list.forEach((item, i) => {
    const r = faultSpecSchema.safeParse(item);
    if (r.success) specs.push(r.data);
    else issues.push(...formatIssues(r.error, Array.isArray(input) ? `[${i}]` : ''));
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: specs };
}
