import type { ObjectStorePort } from '../cloud/port';
import type { NormalizedConfig } from '../config';
import { readLatestRun, type HistoryLocation } from '../history';
import type { RunTrigger } from '../reconcile';
import type { ComplianceModel, ComplianceTrigger } from './compliance-model';
import { computeCompliance } from './compute-compliance';

/** A shard's run is part of its timer's sweep. */
const BY: Record<RunTrigger, ComplianceTrigger> = {
  cli: 'cli',
  event: 'event',
  timer: 'timer',
  worker: 'timer',
  http: 'http',
};

/**
 * The compliance model of the last stored run (`<prefix>/latest.json`, see shared/history): no read of the
 * cloud. Evaluated when and by what that run was; a missing object is the store's NoSuchKey, a corrupt one
 * HistoryCorrupt naming it (readLatestRun).
 */
export async function storedCompliance(
  config: NormalizedConfig,
  store: ObjectStorePort,
  location: HistoryLocation,
): Promise<ComplianceModel> {
  const report = await readLatestRun(store, location);
  const at = report.finishedAt ?? new Date(0).toISOString();
  return computeCompliance({ config, report, at, by: BY[report.trigger ?? 'cli'] });
}
