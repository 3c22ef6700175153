import { describe, expect, it } from 'vitest';
import { isHeldPairing, parseConfigText, withDiscoveredAccounts, type NormalizedConfig } from '../../shared/config';
import { expandPairingNames } from '../../shared/directory';
import { splitIntoShards } from '../../shared/fanout';

// resourceDirectory and fleet sides (account "*") in the config: the checks, and the expansion over
// declared and discovered accounts (issue 13, item 1).
const text = (pairings: string, top = 'resourceDirectory: { folderIds: [fd-prodfold01], roleName: member-role }') => `
version: 1
name: org
region: cn-qingdao
${top}
accounts:
  shared: { id: "4000000000000001" }
  app: { id: "4000000000000002", externalId: ext-app-001 }
pairings:
${pairings}`;
const FLEET = `  - name: bastion-ssh
    direction: first-to-second
    between: [{ account: shared, securityGroup: sg-bastion }, { account: "*", tags: { ssh: bastion } }]`;

function parsed(yaml: string): NormalizedConfig {
  const result = parseConfigText(yaml, 'pairings.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.config;
}
const codes = (yaml: string) => {
  const result = parseConfigText(yaml, 'pairings.yaml');
  return (result.ok ? result.warnings : result.diagnostics).map((d) => [d.code, d.path]);
};

describe('fleet sides: checks', () => {
  it.each([
    [
      'two fleet sides',
      `  - name: x\n    between: [{ account: "*", tags: { a: b } }, { account: "*", tags: { c: d } }]`,
      [['TwoFleetSides', 'pairings[0].between']],
    ],
    [
      'a group id on a fleet side',
      `  - name: x\n    between: [{ account: shared, securityGroup: sg-1 }, { account: "*", securityGroup: sg-2 }]`,
      [['FleetSideNeedsTags', 'pairings[0].between[1]']],
    ],
    [
      'a fleet name too long for its expansions',
      `  - name: ${'n'.repeat(42)}\n    between: [{ account: shared, securityGroup: sg-1 }, { account: "*", tags: { a: b } }]`,
      [['FleetNameTooLong', 'pairings[0].name']],
    ],
    [
      "a declared pairing named like a fleet pairing's expansion",
      `${FLEET}\n  - name: bastion-ssh--4000000000000002\n    between: [{ account: app, securityGroup: sg-1 }, { account: shared, securityGroup: sg-2 }]`,
      [['FleetNameCollision', 'pairings[1].name']],
    ],
  ])('%s is an error at its path', (_what, pairings, expected) => {
    expect(codes(text(pairings)).filter(([c]) => c !== 'ExternalIdMissing')).toEqual(expected);
  });

  it('a malformed folder id is an error at its path; a fleet side without a directory warns', () => {
    expect(codes(text(FLEET, 'resourceDirectory: { folderIds: [fd-1, r-abcdef] }'))).toContainEqual([
      'InvalidFolderId',
      'resourceDirectory.folderIds[0]',
    ]);
    expect(codes(text(FLEET, ''))).toEqual([['FleetWithoutDirectory', 'pairings']]);
  });
});

describe('fleet sides: expansion', () => {
  it('expands over the declared accounts alone until accounts are discovered', () => {
    const config = parsed(text(FLEET));
    expect(config.pairings.map((p) => p.name)).toEqual([
      'bastion-ssh--4000000000000001',
      'bastion-ssh--4000000000000002',
    ]);
    expect(config.directory).toEqual({ folderIds: ['fd-prodfold01'], roleName: 'member-role' });
  });

  it("adds discovered accounts with the directory's role name, once each, and expands over them too", () => {
    const config = withDiscoveredAccounts(parsed(text(FLEET)), [
      { accountId: '5000000000000001', displayName: 'm1' },
      { accountId: '4000000000000002', displayName: 'declared too' },
    ]);
    expect(config.accounts['rd-5000000000000001']).toEqual({
      alias: 'rd-5000000000000001',
      accountId: '5000000000000001',
      roleArn: 'acs:ram::5000000000000001:role/member-role',
      discovered: true,
    });
    expect(config.accounts['app']).toMatchObject({ externalId: 'ext-app-001' });
    expect(Object.keys(config.accounts)).toHaveLength(3);
    const last = config.pairings.at(-1)!;
    expect(last).toMatchObject({ name: 'bastion-ssh--5000000000000001', direction: 'first-to-second' });
    expect(last.sides[1]).toMatchObject({ kind: 'tags', accountId: '5000000000000001', tags: { ssh: 'bastion' } });
    expect(config.fleet?.[0]?.accounts.map((a) => a.accountId)).toEqual([
      '4000000000000001',
      '4000000000000002',
      '5000000000000001',
    ]);
    expect(expandPairingNames(config, ['bastion-ssh'])).toHaveLength(3);
  });

  it('a fan-out shards the discovered accounts like declared ones', () => {
    const discovered = Array.from({ length: 5 }, (_, n) => ({ accountId: `500000000000000${n}`, displayName: '' }));
    const config = withDiscoveredAccounts(parsed(text(FLEET)), discovered);
    const shards = splitIntoShards(config.pairings, 3);
    expect(new Set(shards.flatMap((s) => s.accounts)).size).toBe(7);
    expect(shards.flatMap((s) => s.pairings).sort()).toEqual(config.pairings.map((p) => p.name).sort());
  });

  it('holds the expansions it could not see, and nothing else', () => {
    const config = {
      ...parsed(text(FLEET)),
      held: { prefixes: ['bastion-ssh--'], names: ['other--5000000000000009'] },
    };
    expect(isHeldPairing(config, 'bastion-ssh--5000000000000003')).toBe(true);
    expect(isHeldPairing(config, 'other--5000000000000009')).toBe(true);
    expect(isHeldPairing(config, 'other--5000000000000001')).toBe(false);
    expect(isHeldPairing(parsed(text(FLEET)), 'bastion-ssh--5000000000000003')).toBe(false);
  });
});
