import { z } from 'zod';
import type { ObjectStorePort } from '../cloud/port';
import { SgPairingError } from '../errors';
import type { RunReport } from '../reconcile';
import { historyKey, latestKey, type HistoryLocation } from './history-location';

const CountsSchema = z.looseObject({
  pairings: z.number(),
  inSync: z.number(),
  changed: z.number(),
  blocked: z.number(),
  failed: z.number(),
  rulesAdded: z.number(),
  rulesRevoked: z.number().optional(),
  rulesFailed: z.number(),
});

/** What a stored run must hold to be read back: the report's identity, counts and pairings (the rest passes through). */
const StoredRunSchema = z.looseObject({
  version: z.literal(1),
  runId: z.string().min(1),
  deployment: z.string(),
  mode: z.enum(['plan', 'apply']),
  ok: z.boolean(),
  counts: CountsSchema,
  pairings: z.array(z.looseObject({ name: z.string(), status: z.string() })),
  trigger: z.string().optional(),
  finishedAt: z.string().optional(),
});

/** One line of `sg-pairing history`. */
export interface RunSummary {
  key: string;
  runId: string;
  time: string;
  trigger: string;
  ok: boolean;
  changed: number;
  blocked: number;
  failed: number;
  rulesAdded: number;
  rulesRevoked: number;
  headline?: string;
}

/** Pure: a stored run's text checked; anything else is HistoryCorrupt naming the object and what is wrong. */
export function parseStoredRun(text: string, where: string): RunReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw corrupt(where, `not JSON (${(err as Error).message})`);
  }
  const parsed = StoredRunSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw corrupt(where, `not a run report: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data as unknown as RunReport;
}

function corrupt(where: string, why: string): SgPairingError {
  return new SgPairingError(`${where} is ${why}; the next run overwrites latest.json`, {
    code: 'HistoryCorrupt',
    retryable: false,
    operation: 'history',
  });
}

/** The last stored run (`<prefix>/latest.json`), checked: for `status --from-history`. Throws NoSuchKey when none yet, HistoryCorrupt when unreadable. */
export async function readLatestRun(store: ObjectStorePort, location: HistoryLocation): Promise<RunReport> {
  const key = latestKey(location);
  return parseStoredRun(await store.getObject(key), `oss://${location.bucket}/${key}`);
}

/** The newest `limit` runs (by the store's LastModified, then key), each read and summarized; a corrupt one is named, not skipped. */
export async function listRuns(
  store: ObjectStorePort,
  location: HistoryLocation,
  limit: number,
): Promise<RunSummary[]> {
  const objects = await store.listObjects(historyKey(location, 'runs/'));
  const newest = objects
    .filter((o) => o.key.endsWith('.json'))
    .sort((a, b) =>
      a.lastModified === b.lastModified ? b.key.localeCompare(a.key) : b.lastModified.localeCompare(a.lastModified),
    )
    .slice(0, limit);
  return Promise.all(
    newest.map(async (o) =>
      summarizeRun(
        o.key,
        parseStoredRun(await store.getObject(o.key), `oss://${location.bucket}/${o.key}`),
        o.lastModified,
      ),
    ),
  );
}

function summarizeRun(key: string, r: RunReport, lastModified: string): RunSummary {
  return {
    key,
    runId: r.runId,
    time: r.finishedAt ?? lastModified,
    trigger: r.trigger ?? 'unknown',
    ok: r.ok,
    changed: r.counts.changed,
    blocked: r.counts.blocked,
    failed: r.counts.failed,
    rulesAdded: r.counts.rulesAdded,
    rulesRevoked: r.counts.rulesRevoked ?? 0,
    ...(r.headline === undefined ? {} : { headline: r.headline }),
  };
}
