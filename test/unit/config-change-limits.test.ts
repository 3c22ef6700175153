import { describe, expect, it } from 'vitest';
import { baseDocument, firstPairing, parseDocumentObject } from './config-fixtures';

// Issue 18.3 in the pairings file: maxChangesPerRun per pairing, maxChangesPerRunTotal (its default
// follows an explicit maxChangesPerRun), maxMembers on a side, and their diagnostics.

const limits = (edit: (d: ReturnType<typeof baseDocument>) => void) => {
  const d = baseDocument();
  edit(d);
  return parseDocumentObject(d);
};
const sides = (d: ReturnType<typeof baseDocument>) => firstPairing(d)['between'] as Array<Record<string, unknown>>;

describe('change limits in the pairings file', () => {
  it('defaults: 200 per pairing, 500 for the run; an explicit maxChangesPerRun keeps bounding the run', () => {
    const defaults = limits(() => undefined);
    const legacy = limits((d) => (d['maxChangesPerRun'] = 50));
    const both = limits((d) => Object.assign(d, { maxChangesPerRun: 50, maxChangesPerRunTotal: 900 }));

    const pick = (r: typeof defaults) => r.ok && [r.config.maxChangesPerRun, r.config.maxChangesPerRunTotal];
    expect([pick(defaults), pick(legacy), pick(both)]).toEqual([
      [200, 500],
      [50, 50],
      [50, 900],
    ]);
  });

  it('keeps maxMembers on a side; refuses one below 1', () => {
    const ok = limits((d) => ((sides(d)[0] as Record<string, unknown>)['maxMembers'] = 20));
    expect(ok.ok && ok.config.pairings[0]?.sides[0]).toMatchObject({ maxMembers: 20 });

    const bad = limits((d) => ((sides(d)[0] as Record<string, unknown>)['maxMembers'] = 0));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.diagnostics.map((x) => [x.severity, x.path])).toEqual([
      ['error', 'pairings[0].between[0].maxMembers'],
    ]);
  });

  it('warns when maxMembers is on an instance side, or the per-pairing limit is over the ceiling', () => {
    const onInstance = limits((d) => {
      sides(d)[0] = { account: 'a', instance: 'i-aaa', maxMembers: 3 };
    });
    expect(onInstance.ok && onInstance.warnings.map((w) => [w.code, w.path])).toContainEqual([
      'MaxMembersIgnored',
      'pairings[0].between[0].maxMembers',
    ]);

    const over = limits((d) => Object.assign(d, { maxChangesPerRun: 600, maxChangesPerRunTotal: 500 }));
    expect(over.ok && over.warnings.map((w) => [w.code, w.path])).toEqual([
      ['MaxChangesPerRunOverTotal', 'maxChangesPerRun'],
    ]);
  });
});
