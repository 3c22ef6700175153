import { z } from 'zod';
import type { NormalizedConfig } from '../config';
import { SgPairingError } from '../errors';
import type { ActualState } from './actual-state';
import { computePlanBasis, configDigest, digestOf, DigestSchema, PlanBasisSchema } from './plan-basis';
import { PlanSchema, type Plan } from './plan-schema';

/**
 * A saved plan (`sg-pairing plan --out FILE`): the plan value, its basis (plan-basis.ts), and a
 * digest of both, so a file edited by hand or cut short is refused. JSON, versioned like the plan;
 * it holds account ids, group ids, rules and digests, never a credential. Pure.
 */
export const SAVED_PLAN_KIND = 'sg-pairing/saved-plan';
export const SAVED_PLAN_VERSION = 1;

export const SavedPlanSchema = z.strictObject({
  kind: z.literal(SAVED_PLAN_KIND),
  version: z.literal(SAVED_PLAN_VERSION),
  plan: PlanSchema,
  basis: PlanBasisSchema,
  /** the digest of kind, version, plan and basis */
  digest: DigestSchema,
});

export type SavedPlan = z.infer<typeof SavedPlanSchema>;

export function computeSavedPlan(config: NormalizedConfig, plan: Plan, actual: ActualState): SavedPlan {
  const body = {
    kind: SAVED_PLAN_KIND,
    version: SAVED_PLAN_VERSION,
    plan,
    basis: computePlanBasis(config, plan, actual),
  } as const;
  return { ...body, digest: digestOf(body) };
}

/**
 * The saved plan in `text`, checked before any read of the cloud: JSON (a truncated file is not),
 * a saved plan of this version, its schema, its own digest (an edit by hand breaks it), then its
 * config digest against the current config. Throws SavedPlanInvalid naming the first reason.
 */
export function readSavedPlan(text: string, config: NormalizedConfig, file = 'the saved plan'): SavedPlan {
  const refuse = (why: string) =>
    new SgPairingError(`${file} ${why}; nothing was read or written`, {
      code: 'SavedPlanInvalid',
      retryable: false,
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse('is not JSON (truncated or not a saved plan)');
  }
  const head = (value ?? {}) as { kind?: unknown; version?: unknown };
  if (typeof value !== 'object' || head.kind !== SAVED_PLAN_KIND)
    throw refuse('is not a saved plan (written by `sg-pairing plan --out FILE`)');
  if (head.version !== SAVED_PLAN_VERSION)
    throw refuse(
      `is saved-plan version ${JSON.stringify(head.version)}: this sg-pairing reads version ${SAVED_PLAN_VERSION}; plan again`,
    );
  const parsed = SavedPlanSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(`does not match the saved-plan format (${issue.path.join('.') || '(root)'}: ${issue.message})`);
  }
  const { digest, ...body } = parsed.data;
  if (digestOf(body) !== digest) throw refuse('was changed after it was saved (its digest does not match)');
  if (body.basis.config !== configDigest(config))
    throw refuse(
      `was planned from another config than ${config.name}'s as it is now (its config digest differs); plan again`,
    );
  return parsed.data;
}
