import { SgPairingError } from '../errors';

/** Where runs are kept: an OSS bucket of the hub and a key prefix in it (no leading or trailing `/`). */
export interface HistoryLocation {
  readonly bucket: string;
  /** '' for the bucket's root */
  readonly prefix: string;
}

/** OSS bucket names: 3..63 of [a-z0-9-], starting and ending with a letter or digit (OSS bucket naming rules). */
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
/** Prefix segments of OSS's safe characters only: letters, digits and `-_.!*'()`; no empty, `.` or `..` segment. */
const SEGMENT = /^[A-Za-z0-9\-_.!*'()]+$/;

function invalid(raw: string, why: string): SgPairingError {
  return new SgPairingError(
    `SG_PAIRING_HISTORY: "${raw}" is not a history location (${why}); expected oss://bucket/prefix, e.g. oss://my-bucket/sg-pairing`,
    { code: 'HistoryLocationInvalid', retryable: false, operation: 'history' },
  );
}

/**
 * Pure: `oss://bucket/prefix` read and checked. The prefix keeps to OSS's safe characters, so every key
 * sg-pairing writes is the same in a URL, a signature and a RAM resource (odd characters are refused
 * with the character named, never escaped silently).
 */
export function parseHistoryLocation(raw: string): HistoryLocation {
  const m = /^oss:\/\/([^/]*)(?:\/(.*))?$/.exec(raw.trim());
  if (m === null) throw invalid(raw, 'it does not start with oss://');
  const bucket = m[1];
  if (!BUCKET.test(bucket))
    throw invalid(
      raw,
      `bucket "${bucket}" must be 3-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen`,
    );
  const prefix = (m[2] ?? '').replace(/\/+$/, '');
  if (prefix === '') return { bucket, prefix: '' };
  for (const segment of prefix.split('/')) {
    if (segment === '' || segment === '.' || segment === '..')
      throw invalid(raw, `the prefix has an empty, "." or ".." segment`);
    const odd = [...segment].find((c) => !SEGMENT.test(c));
    if (odd !== undefined)
      throw invalid(
        raw,
        `the prefix has the character ${JSON.stringify(odd)}; use letters, digits and -_.!*'() between slashes`,
      );
  }
  return { bucket, prefix };
}

/** The location from SG_PAIRING_HISTORY; undefined when unset or empty (no history kept). */
export function historyLocationFromEnv(env: NodeJS.ProcessEnv = process.env): HistoryLocation | undefined {
  const raw = env.SG_PAIRING_HISTORY;
  return raw === undefined || raw.trim() === '' ? undefined : parseHistoryLocation(raw);
}

/** `<prefix>/name`, or `name` at the bucket's root. */
export function historyKey(location: HistoryLocation, name: string): string {
  return location.prefix === '' ? name : `${location.prefix}/${name}`;
}

/** `<prefix>/runs/<yyyy-mm-dd>/<runId>.json` (the run's UTC date). */
export function runKey(location: HistoryLocation, finishedAt: string, runId: string): string {
  return historyKey(location, `runs/${finishedAt.slice(0, 10)}/${runId}.json`);
}

export function latestKey(location: HistoryLocation): string {
  return historyKey(location, 'latest.json');
}
