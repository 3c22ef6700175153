import { z } from 'zod';
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

export type Issue = { path: string; message: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: string; issues?: Issue[] };

/** POST /reconcile: an empty body means every pairing, applied. */
export function parseReconcileBody(body: Buffer): Parsed<ReconcileRequest> {
  if (body.length === 0 || body.toString('utf8').trim() === '') return { ok: true, value: { dryRun: false } };
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return { ok: false, code: 'MalformedBody', message: `the body is not JSON: ${(err as Error).message}` };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return {
      ok: false,
      code: 'MalformedBody',
      message: 'the body must be a JSON object: {"pairings"?: [names], "dryRun"?: boolean}',
    };
  }
  const parsed = ReconcileBodySchema.safeParse(json);
  if (!parsed.success) return invalid('InvalidBody', 'field', parsed.error);
  return {
    ok: true,
    value: { ...(parsed.data.pairings ? { pairings: parsed.data.pairings } : {}), dryRun: parsed.data.dryRun ?? false },
  };
}

/** GET /plan[?pairing=NAME...]: repeated or comma-joined names. */
export function parsePlanQuery(query: Readonly<Record<string, readonly string[]>>): Parsed<ReconcileRequest> {
  const parsed = PlanQuerySchema.safeParse(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [...v]])));
  if (!parsed.success) return invalid('InvalidQuery', 'query parameter', parsed.error);
  return {
    ok: true,
    value: { ...(parsed.data.pairing ? { pairings: [...new Set(parsed.data.pairing)] } : {}), dryRun: true },
  };
}

/** Every problem at once, each naming its field. */
function invalid(code: string, what: string, error: z.ZodError): Parsed<never> {
  const issues: Issue[] = error.issues.flatMap((i): Issue[] => {
    const path = i.path
      .map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n === 0 ? '' : '.'}${String(p)}`))
      .join('');
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => ({ path: path ? `${path}.${k}` : k, message: `unknown ${what} "${k}"` }));
    if (i.code === 'invalid_type')
      return [
        {
          path,
          message: `${path} must be ${i.expected === 'array' ? 'an array of pairing names' : `a ${i.expected}`}`,
        },
      ];
    return [{ path, message: `${path}: ${i.message}` }];
  });
  return { ok: false, code, message: issues.map((i) => i.message).join('; '), issues };
}
