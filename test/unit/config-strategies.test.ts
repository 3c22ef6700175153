import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../shared/config';
import { accountA, accountB } from './builders';
import { baseDocument, firstPairing, parseDocumentObject, type ConfigDocument } from './config-fixtures';

// strategy, tag sides, cidrs, prune and maxChangesPerRun in the pairings file.

const error = (code: string, path: string): Diagnostic => ({
  severity: 'error',
  code,
  path,
  message: expect.any(String) as unknown as string,
});
const sides = (d: ConfigDocument) => firstPairing(d)['between'] as Array<Record<string, unknown>>;
const edit = (change: (d: ConfigDocument) => void) => {
  const d = baseDocument();
  change(d);
  return parseDocumentObject(d);
};

describe('the pairings file: strategies, tag sides, cidrs, pruning', () => {
  it('normalizes a tag side, cidrs, the strategy and pruning; defaults auto, owned and 200 per pairing', () => {
    const defaults = edit(() => undefined);
    const written = edit((d) => {
      Object.assign(d, { prune: 'off', maxChangesPerRun: 40 });
      Object.assign(firstPairing(d), {
        strategy: 'cidr',
        prune: 'owned',
        between: [
          {
            account: 'a',
            tags: { tier: 'web', env: 'prod' },
            securityGroup: 'sg-web',
            cidrs: ['10.1.0.0/16', '10.0.0.7', '10.1.0.0/16'],
          },
          { account: 'b', securityGroup: 'sg-bbb', cidrs: ['10.2.0.0/16'] },
        ],
      });
    });

    expect(
      defaults.ok && [
        defaults.config.prune,
        defaults.config.maxChangesPerRun,
        defaults.config.pairings[0]?.strategy,
        defaults.config.pairings[0]?.prune,
      ],
    ).toEqual(['owned', 200, 'auto', 'owned']);
    expect(
      written.ok && {
        prune: written.config.prune,
        max: written.config.maxChangesPerRun,
        pairing: written.config.pairings[0],
      },
    ).toEqual({
      prune: 'off',
      max: 40,
      pairing: expect.objectContaining({
        strategy: 'cidr',
        prune: 'owned',
        sides: [
          {
            kind: 'tags',
            accountAlias: 'a',
            accountId: accountA,
            tags: { env: 'prod', tier: 'web' },
            securityGroupId: 'sg-web',
            cidrs: ['10.0.0.7/32', '10.1.0.0/16'],
          },
          { kind: 'group', accountAlias: 'b', accountId: accountB, securityGroupId: 'sg-bbb', cidrs: ['10.2.0.0/16'] },
        ],
      }),
    });
  });

  it('a pairing without its own prune takes the top-level one', () => {
    const result = edit((d) => (d['prune'] = 'off'));
    expect(result.ok && result.config.pairings[0]?.prune).toBe('off');
  });

  const cases: Array<[string, (d: ConfigDocument) => void, Diagnostic[]]> = [
    [
      'ConflictingSideTargets',
      (d) => (sides(d)[0] = { account: 'a', instance: 'i-1', tags: { role: 'web' } }),
      [error('ConflictingSideTargets', 'pairings[0].between[0]')],
    ],
    [
      'InvalidTags (empty)',
      (d) => (sides(d)[0] = { account: 'a', tags: {} }),
      [error('InvalidTags', 'pairings[0].between[0].tags')],
    ],
    [
      'InvalidTags (reserved key)',
      (d) => (sides(d)[0] = { account: 'a', tags: { 'acs:x': 'y' } }),
      [error('InvalidTags', 'pairings[0].between[0].tags["acs:x"]')],
    ],
    [
      'InvalidType (a tag value that is a number)',
      (d) => (sides(d)[0] = { account: 'a', tags: { port: 80 } }),
      [error('InvalidType', 'pairings[0].between[0].tags.port')],
    ],
    [
      'InvalidCidr (not a CIDR)',
      (d) =>
        Object.assign(firstPairing(d), {
          strategy: 'cidr',
          between: [
            { account: 'a', securityGroup: 'sg-aaa', cidrs: ['10.0.0.0/33'] },
            { account: 'b', securityGroup: 'sg-bbb', cidrs: ['10.1.0.0/16'] },
          ],
        }),
      [error('InvalidCidr', 'pairings[0].between[0].cidrs[0]')],
    ],
    [
      'InvalidCidr (host bits)',
      (d) =>
        Object.assign(firstPairing(d), {
          strategy: 'cidr',
          between: [
            { account: 'a', securityGroup: 'sg-aaa', cidrs: ['10.0.3.0/16'] },
            { account: 'b', securityGroup: 'sg-bbb', cidrs: ['10.1.0.0/16'] },
          ],
        }),
      [error('InvalidCidr', 'pairings[0].between[0].cidrs[0]')],
    ],
    [
      'CidrsNeedCidrStrategy',
      (d) => (sides(d)[0] = { account: 'a', securityGroup: 'sg-aaa', cidrs: ['10.0.0.0/16'] }),
      [error('CidrsNeedCidrStrategy', 'pairings[0].between[0].cidrs')],
    ],
    [
      'MissingCidrs (every sending side)',
      (d) => (firstPairing(d)['strategy'] = 'cidr'),
      [error('MissingCidrs', 'pairings[0].between[0]'), error('MissingCidrs', 'pairings[0].between[1]')],
    ],
    [
      'MissingCidrs (a receiving-only side needs none)',
      (d) =>
        Object.assign(firstPairing(d), {
          strategy: 'cidr',
          direction: 'first-to-second',
          between: [
            { account: 'a', securityGroup: 'sg-aaa' },
            { account: 'b', securityGroup: 'sg-bbb' },
          ],
        }),
      [error('MissingCidrs', 'pairings[0].between[0]')],
    ],
    [
      'GroupStrategyNeedsGroupSide',
      (d) =>
        Object.assign(firstPairing(d), {
          strategy: 'group',
          between: [
            { account: 'a', tags: { role: 'web' } },
            { account: 'b', securityGroup: 'sg-bbb' },
          ],
        }),
      [error('GroupStrategyNeedsGroupSide', 'pairings[0].strategy')],
    ],
    [
      'InvalidValue (strategy)',
      (d) => (firstPairing(d)['strategy'] = 'peering'),
      [error('InvalidValue', 'pairings[0].strategy')],
    ],
    ['InvalidValue (prune)', (d) => (d['prune'] = 'all'), [error('InvalidValue', 'prune')]],
    ['OutOfRange (maxChangesPerRun)', (d) => (d['maxChangesPerRun'] = -1), [error('OutOfRange', 'maxChangesPerRun')]],
  ];

  it.each(cases)('%s', (_name, change, expected) => {
    expect(edit(change)).toEqual({ ok: false, diagnostics: expected });
  });

  it('a one-way pairing under strategy group may receive in an instance side (only senders must be groups)', () => {
    const result = edit((d) =>
      Object.assign(firstPairing(d), {
        strategy: 'group',
        direction: 'first-to-second',
        between: [
          { account: 'a', securityGroup: 'sg-aaa' },
          { account: 'b', tags: { role: 'db' } },
        ],
      }),
    );
    expect(result.ok).toBe(true);
  });
});
