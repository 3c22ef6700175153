import { z } from 'zod';
import { parsePayload, type Parsed } from '../../payload';

/**
 * What scheduled-reconcile hands each reconcile-worker (FC async invocation): pairing names only,
 * never rules; the worker reads its own config and the cloud.
 */
export const WorkerPayloadSchema = z
  .object({
    pairings: z.array(z.string().min(1)).min(1),
    runId: z.string().min(1).max(128),
    shard: z.number().int().min(0),
    shards: z.number().int().min(1),
    /** this shard's part of the hub's STS quota, calls per second (the timer divides the quota by the shards) */
    assumeRolesPerSecond: z.number().positive().max(10_000).optional(),
    /** the Resource Directory members the timer's run discovered (its fleet pairings expand over them too) */
    discovered: z
      .array(z.strictObject({ accountId: z.string().regex(/^[0-9]{1,20}$/), displayName: z.string() }))
      .max(10_000)
      .optional(),
    /** fleet expansions the timer's run could not see: their owned rules stay (NormalizedConfig.held) */
    held: z
      .strictObject({ prefixes: z.array(z.string()).max(1000), names: z.array(z.string()).max(100_000) })
      .optional(),
    /** the groups the timer's run found for fleet sides by name, in this shard's accounts (no lookup of its own) */
    namedGroups: z
      .array(
        z.strictObject({
          accountId: z.string().regex(/^[0-9]{1,20}$/),
          region: z.string().min(1),
          name: z.string().min(1).max(128),
          securityGroupId: z.string().regex(/^sg-[a-z0-9]+$/),
        }),
      )
      .max(100_000)
      .optional(),
  })
  .refine((p) => p.shard < p.shards, { path: ['shard'], message: 'shard must be below shards' });

export type WorkerPayload = z.output<typeof WorkerPayloadSchema>;

export function parseWorkerPayload(event: unknown): Parsed<WorkerPayload> {
  return parsePayload(event, {
    schema: WorkerPayloadSchema,
    invalid: { code: 'InvalidPayload', prefix: 'not a worker payload' },
    operation: 'parseWorkerPayload',
  });
}
