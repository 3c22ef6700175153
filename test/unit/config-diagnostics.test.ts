import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../shared/config';
import { accountA, accountB } from './builders';
import { baseDocument, firstPairing, parseDocumentObject, type ConfigDocument } from './config-fixtures';

const error = (code: string, path: string): Diagnostic => ({
  severity: 'error',
  code,
  path,
  message: expect.any(String) as unknown as string,
});
const warning = (code: string, path: string): Diagnostic => ({
  severity: 'warning',
  code,
  path,
  message: expect.any(String) as unknown as string,
});

type Edit = (d: ConfigDocument) => void;
const sides = (d: ConfigDocument) => firstPairing(d)['between'] as Array<Record<string, unknown>>;
const side = (d: ConfigDocument, i: number) => sides(d)[i] as Record<string, unknown>;
const account = (d: ConfigDocument, alias: string) =>
  (d['accounts'] as Record<string, Record<string, unknown>>)[alias] as Record<string, unknown>;

const cases: Array<[string, Edit, Diagnostic[]]> = [
  ['UnknownKey', (d) => (firstPairing(d)['colour'] = 'red'), [error('UnknownKey', 'pairings[0].colour')]],
  ['UnknownKey (top level)', (d) => (d['extra'] = 1), [error('UnknownKey', 'extra')]],
  ['MissingKey', (d) => delete d['name'], [error('MissingKey', 'name')]],
  ['InvalidType (unquoted account id)', (d) => (account(d, 'a')['id'] = 1111), [error('InvalidType', 'accounts.a.id')]],
  [
    'InvalidValue (protocol)',
    (d) => (firstPairing(d)['protocol'] = 'sctp'),
    [error('InvalidValue', 'pairings[0].protocol')],
  ],
  ['InvalidValue (version)', (d) => (d['version'] = 2), [error('InvalidValue', 'version')]],
  ['OutOfRange (priority)', (d) => (firstPairing(d)['priority'] = 101), [error('OutOfRange', 'pairings[0].priority')]],
  [
    'UnknownAccountAlias',
    (d) => (side(d, 1)['account'] = 'c'),
    [error('UnknownAccountAlias', 'pairings[0].between[1].account'), warning('UnusedAccount', 'accounts.b')],
  ],
  [
    'DuplicatePairingName',
    (d) => d.pairings.push({ ...firstPairing(d) }),
    [error('DuplicatePairingName', 'pairings[1].name')],
  ],
  [
    'SameGroupBothSides',
    (d) => Object.assign(side(d, 1), { account: 'a', securityGroup: 'sg-aaa' }),
    [error('SameGroupBothSides', 'pairings[0].between'), warning('UnusedAccount', 'accounts.b')],
  ],
  [
    'SameInstanceBothSides',
    (d) =>
      (firstPairing(d)['between'] = [
        { account: 'a', instance: 'i-1' },
        { account: 'a', instance: 'i-1' },
      ]),
    [error('SameInstanceBothSides', 'pairings[0].between'), warning('UnusedAccount', 'accounts.b')],
  ],
  [
    'PortsProtocolMismatch (tcp without ports)',
    (d) => (firstPairing(d)['protocol'] = 'tcp'),
    [error('PortsProtocolMismatch', 'pairings[0].ports')],
  ],
  [
    'PortsProtocolMismatch (all with ports)',
    (d) => (firstPairing(d)['ports'] = '22/22'),
    [error('PortsProtocolMismatch', 'pairings[0].ports')],
  ],
  [
    'PortsProtocolMismatch (icmp with ports)',
    (d) => Object.assign(firstPairing(d), { protocol: 'icmp', ports: '1/2' }),
    [error('PortsProtocolMismatch', 'pairings[0].ports')],
  ],
  [
    'InvalidPorts (syntax)',
    (d) => Object.assign(firstPairing(d), { protocol: 'tcp', ports: '22-80' }),
    [error('InvalidPorts', 'pairings[0].ports')],
  ],
  [
    'InvalidPorts (from > to)',
    (d) => Object.assign(firstPairing(d), { protocol: 'udp', ports: '80/22' }),
    [error('InvalidPorts', 'pairings[0].ports')],
  ],
  [
    'InvalidPorts (out of range)',
    (d) => Object.assign(firstPairing(d), { protocol: 'tcp', ports: '0/65536' }),
    [error('InvalidPorts', 'pairings[0].ports')],
  ],
  [
    'InvalidId (group)',
    (d) => (side(d, 0)['securityGroup'] = 'sg_AAA'),
    [error('InvalidId', 'pairings[0].between[0].securityGroup')],
  ],
  [
    'InvalidId (instance)',
    (d) =>
      (firstPairing(d)['between'] = [
        { account: 'a', instance: 'x-1' },
        { account: 'b', securityGroup: 'sg-bbb' },
      ]),
    [error('InvalidId', 'pairings[0].between[0].instance')],
  ],
  ['InvalidId (account)', (d) => (account(d, 'a')['id'] = '12ab'), [error('InvalidId', 'accounts.a.id')]],
  [
    'InvalidRoleArn',
    (d) => (account(d, 'b')['roleArn'] = 'arn:aws:iam::1:role/x'),
    [error('InvalidRoleArn', 'accounts.b.roleArn')],
  ],
  [
    'RoleArnAccountMismatch',
    (d) => (account(d, 'b')['roleArn'] = `acs:ram::${accountA}:role/x`),
    [error('RoleArnAccountMismatch', 'accounts.b.roleArn')],
  ],
  [
    'InvalidExternalId',
    (d) => (account(d, 'b')['externalId'] = 'x'),
    [error('InvalidExternalId', 'accounts.b.externalId')],
  ],
  ['InvalidRoleName', (d) => (d['roleName'] = 'a role'), [error('InvalidRoleName', 'roleName')]],
  [
    'WrongSideCount',
    (d) => sides(d).push({ account: 'a', securityGroup: 'sg-ccc' }),
    [error('WrongSideCount', 'pairings[0].between')],
  ],
  [
    'SideWithoutTarget',
    (d) => delete side(d, 1)['securityGroup'],
    [error('SideWithoutTarget', 'pairings[0].between[1]')],
  ],
  ['InvalidName (deployment)', (d) => (d['name'] = 'Prod'), [error('InvalidName', 'name')]],
  ['InvalidName (pairing)', (d) => (firstPairing(d)['name'] = 'app_db'), [error('InvalidName', 'pairings[0].name')]],
  ['InvalidRegion', (d) => (firstPairing(d)['region'] = 'qingdao'), [error('InvalidRegion', 'pairings[0].region')]],
  ['DuplicateAccountId', (d) => (account(d, 'b')['id'] = accountA), [error('DuplicateAccountId', 'accounts.b.id')]],
];

describe('parseConfigText: one diagnostic per problem, at its path', () => {
  it.each(cases)('%s', (_name, edit, expected) => {
    // Prepare
    const document = baseDocument();
    edit(document);

    // Act
    const result = parseDocumentObject(document);

    // Assess
    expect(result).toEqual({ ok: false, diagnostics: expected });
  });

  it('reports every problem at once: schema and semantic', () => {
    const document = baseDocument();
    document['colour'] = 'red';
    document.pairings.push(
      {
        name: 'app-db',
        between: [
          { account: 'c', securityGroup: 'sg-x' },
          { account: 'b', securityGroup: 'sg-bbb' },
        ],
        protocol: 'tcp',
      },
      { name: 'web', between: [{ account: 'a', instance: 'i-1' }], priority: 0 },
    );

    const result = parseDocumentObject(document);

    expect(result).toEqual({
      ok: false,
      diagnostics: [
        error('OutOfRange', 'pairings[2].priority'),
        error('UnknownKey', 'colour'),
        error('DuplicatePairingName', 'pairings[1].name'),
        error('WrongSideCount', 'pairings[2].between'),
        error('UnknownAccountAlias', 'pairings[1].between[0].account'),
        error('PortsProtocolMismatch', 'pairings[1].ports'),
      ],
    });
  });

  it('accepts a config with only warnings, and returns them', () => {
    const document = baseDocument();
    (document['accounts'] as Record<string, unknown>)['spare'] = { id: '3333' };

    const result = parseDocumentObject(document);

    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([warning('UnusedAccount', 'accounts.spare')]);
  });

  it('accepts instance sides in one account and one region override', () => {
    const document = baseDocument();
    document.pairings = [
      {
        name: 'web-pair',
        between: [
          { account: 'a', instance: 'i-a1' },
          { account: 'b', instance: 'i-b1', securityGroup: 'sg-b1' },
        ],
        region: 'cn-beijing',
      },
    ];

    expect(parseDocumentObject(document)).toMatchObject({ ok: true, warnings: [] });
  });

  it('reads account B of the sample without quoting problems', () => {
    expect(
      parseDocumentObject({ ...baseDocument(), accounts: { a: { id: accountA }, b: { id: accountB } } }),
    ).toMatchObject({ ok: true });
  });
});
