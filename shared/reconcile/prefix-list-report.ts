import type { PrefixListResult } from '../apply/apply-prefix-lists';
import type { RunReport } from './run-report';

/**
 * The report with its prefix list writes: a pairing whose list could not be created or changed is
 * Failed with the cloud's code (its rules referencing a list not created were not written), and the
 * run is not ok. A failed deletion fails the run only (the pairing is gone or no longer uses it).
 */
export function withListResults(report: RunReport, results: readonly PrefixListResult[]): RunReport {
  if (results.length === 0) return report;
  const failedBy = new Map(
    results
      .filter((r) => r.status === 'failed' && r.action !== 'delete')
      .flatMap((r) => r.pairings.map((p) => [p, r] as const)),
  );
  const pairings = report.pairings.map((p) => {
    const f = failedBy.get(p.name);
    return f === undefined
      ? p
      : { ...p, status: 'Failed' as const, reason: f.code, message: f.message, retryable: f.retryable };
  });
  return {
    ...report,
    ok: report.ok && results.every((r) => r.status === 'applied'),
    pairings,
    prefixLists: [...results],
  };
}
