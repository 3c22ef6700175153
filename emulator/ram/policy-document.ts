import { z } from 'zod';
import { formatIssues, type Parsed } from '../errors/issues';

/**
 * A RAM permission policy document as the emulator enforces it: `Version` "1", `Statement[]` of
 * `{Effect, Action, Resource}` (each a string or a list; `*` wildcards). Strict: `Condition`,
 * `NotAction`, `NotResource` and `Principal` are refused rather than silently ignored, because the
 * emulator does not evaluate them and a policy relying on them would be judged wrongly.
 */
const patterns = (what: string) =>
  z
    .union([
      z.string().min(1, `${what} must not be empty`),
      z.array(z.string().min(1, `${what} must not be empty`)).min(1, `${what} lists at least one value`),
    ])
    .transform((v) => (typeof v === 'string' ? [v] : v));

export const ramStatementSchema = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny'], { error: 'Effect is Allow or Deny' }),
  Action: patterns('Action'),
  Resource: patterns('Resource'),
});

export const ramPolicySchema = z.strictObject({
  Version: z.literal('1', { error: 'Version must be "1"' }),
  Statement: z.array(ramStatementSchema),
});

export type RamStatement = z.output<typeof ramStatementSchema>;
export type RamPolicy = z.output<typeof ramPolicySchema>;

/** A policy document (an object, or its JSON text), or every problem in it. */
export function parseRamPolicy(value: unknown): Parsed<RamPolicy> {
  let doc = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch {
      return { ok: false, issues: [{ path: '(root)', message: 'not JSON' }] };
    }
  }
  const r = ramPolicySchema.safeParse(doc);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: formatIssues(r.error) };
}
