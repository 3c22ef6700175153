import { describe, expect, it } from 'vitest';
import { parseHistoryLocation, parseStoredRun, runKey, latestKey } from '../../shared/history';

describe('SG_PAIRING_HISTORY', () => {
  it.each([
    ['oss://sg-history/prod/sweeps/', { bucket: 'sg-history', prefix: 'prod/sweeps' }],
    ['oss://sg-history', { bucket: 'sg-history', prefix: '' }],
    ["oss://b-1/a.b_c!*'()-d", { bucket: 'b-1', prefix: "a.b_c!*'()-d" }],
  ])('reads %s', (raw, expected) => {
    expect(parseHistoryLocation(raw)).toEqual(expected);
  });

  it.each([
    ['s3://bucket/p', /does not start with oss:\/\//],
    ['oss://Bucket/p', /bucket "Bucket" must be 3-63 lowercase/],
    ['oss://bucket/a//b', /empty, "." or ".." segment/],
    ['oss://bucket/../etc', /empty, "." or ".." segment/],
    ['oss://bucket/a b', /the character " "/],
    ['oss://bucket/runs?x=1', /the character "\?"/],
    ['oss://bucket/é', /the character "é"/],
  ])('refuses %s, saying why', (raw, why) => {
    expect(() => parseHistoryLocation(raw)).toThrow(why);
    expect(() => parseHistoryLocation(raw)).toThrow(expect.objectContaining({ code: 'HistoryLocationInvalid' }));
  });

  it('keys: runs/<date>/<runId>.json and latest.json under the prefix, or at the root', () => {
    const at = '2026-12-04T22:41:37.511Z';
    expect(runKey({ bucket: 'b', prefix: 'p/q' }, at, 'r-1')).toBe('p/q/runs/2026-12-04/r-1.json');
    expect(runKey({ bucket: 'b', prefix: '' }, at, 'r-1')).toBe('runs/2026-12-04/r-1.json');
    expect(latestKey({ bucket: 'b', prefix: 'p' })).toBe('p/latest.json');
  });

  it('a stored run that is not a run report is HistoryCorrupt, naming where and what', () => {
    expect(() => parseStoredRun('[]', 'oss://b/latest.json')).toThrow(
      expect.objectContaining({
        code: 'HistoryCorrupt',
        message: expect.stringMatching(/^oss:\/\/b\/latest.json is not a run report: /),
      }),
    );
  });
});
