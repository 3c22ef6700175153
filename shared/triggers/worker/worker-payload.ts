import { z } from 'zod';
import { TerminalError } from '../../errors';
import { decodePayload, type Parsed } from '../../payload';

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
  })
  .refine((p) => p.shard < p.shards, { path: ['shard'], message: 'shard must be below shards' });

export type WorkerPayload = z.output<typeof WorkerPayloadSchema>;

export function parseWorkerPayload(event: unknown): Parsed<WorkerPayload> {
  const decoded = decodePayload(event);
  if (!decoded.ok) return decoded;
  const r = WorkerPayloadSchema.safeParse(decoded.value);
  if (r.success) return { ok: true, value: r.data };
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return {
    ok: false,
    error: new TerminalError(`not a worker payload: ${issues}`, {
      code: 'InvalidPayload',
      operation: 'parseWorkerPayload',
    }),
  };
}
