import { z } from 'zod';
import { decodePayload, describeIssues, PayloadError, validatePayload, type Parsed } from '../payload';
import { namePattern } from '../config/patterns';

/**
 * What a caller may ask of the HTTP face: which declared pairings, and whether to write. Names
 * only: a request never carries rules, CIDRs, ports or group IDs, so this face cannot open
 * anything the config does not declare.
 */
const PairingNames = z
  .array(z.string().regex(namePattern, 'not a pairing name ([a-z0-9-], 1..63 characters)'))
  .min(1, 'name at least one pairing, or leave the field out for all of them')
  .max(1000, 'at most 1000 pairing names');

export const ReconcileBodySchema = z.strictObject({
  pairings: PairingNames.optional(),
  dryRun: z.boolean().optional(),
});

export const PlanQuerySchema = z.strictObject({ pairing: PairingNames.optional() });

export type ReconcileBody = z.output<typeof ReconcileBodySchema>;
export type ReconcileRequest = { pairings?: string[]; dryRun: boolean };

/** The HTTP API's words for a bad field or parameter (its callers read them in a 400). */
const mustBe = (path: string, expected: string): string =>
  `${path} must be ${expected === 'array' ? 'an array of pairing names' : `a ${expected}`}`;

/** A body that is not JSON, or JSON but not an object: refused before its fields are looked at. */
export function decodeJsonObject(body: Buffer, shape: string): Parsed<object> {
  const decoded = decodePayload(body.toString('utf8'), {
    code: 'MalformedBody',
    message: (_text, cause) => `the body is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
  });
  if (!decoded.ok) return decoded;
  const json = decoded.value;
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) return { ok: true, value: json };
  const message = `the body must be a JSON object: ${shape}`;
  return { ok: false, error: new PayloadError(message, { code: 'MalformedBody', operation: 'decodeJsonObject' }) };
}

/** POST /reconcile: an empty body means every pairing, applied. */
export function parseReconcileBody(body: Buffer): Parsed<ReconcileRequest> {
  if (body.length === 0 || body.toString('utf8').trim() === '') return { ok: true, value: { dryRun: false } };
  const json = decodeJsonObject(body, '{"pairings"?: [names], "dryRun"?: boolean}');
  if (!json.ok) return json;
  const parsed = validatePayload(json.value, {
    schema: ReconcileBodySchema,
    invalid: { code: 'InvalidBody' },
    operation: 'parseReconcileBody',
    wording: { unknownKey: 'field', mustBe },
  });
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: {
      ...(parsed.value.pairings ? { pairings: parsed.value.pairings } : {}),
      dryRun: parsed.value.dryRun ?? false,
    },
  };
}

/** GET /plan[?pairing=NAME...]: repeated or comma-joined names. */
export function parsePlanQuery(query: Readonly<Record<string, readonly string[]>>): Parsed<ReconcileRequest> {
  const parsed = validatePayload(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [...v]])), {
    schema: PlanQuerySchema,
    invalid: { code: 'InvalidQuery' },
    operation: 'parsePlanQuery',
    wording: { unknownKey: 'query parameter', mustBe },
  });
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: { ...(parsed.value.pairing ? { pairings: [...new Set(parsed.value.pairing)] } : {}), dryRun: true },
  };
}

/** Query parameters a route does not take: each named, all at once. */
export function unknownQuery(names: readonly string[], hint: string, operation: string): Parsed<never> {
  const issues = names.map((k) => ({ path: k, message: `unknown query parameter "${k}" (${hint})` }));
  return { ok: false, error: new PayloadError(describeIssues(issues), { code: 'InvalidQuery', operation, issues }) };
}
