import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText, type NormalizedConfig } from '../../shared/config';
import { accountA, accountB } from './builders';
import { baseDocument, parseDocumentObject } from './config-fixtures';

describe('parseConfigText: defaults and resolution', () => {
  it('applies defaults, resolves aliases and derives role ARNs', () => {
    // Prepare
    const document = baseDocument();
    delete document['roleName'];
    document['accounts'] = {
      a: { id: accountA },
      b: { id: accountB, roleArn: `acs:ram::${accountB}:role/other`, externalId: 'x-123' },
    };

    // Act
    const result = parseDocumentObject(document);

    // Assess
    const expected: NormalizedConfig = {
      version: 1,
      name: 'prod',
      region: 'cn-qingdao',
      roleName: 'sg-pairing',
      accounts: {
        a: { alias: 'a', accountId: accountA, roleArn: `acs:ram::${accountA}:role/sg-pairing` },
        b: { alias: 'b', accountId: accountB, roleArn: `acs:ram::${accountB}:role/other`, externalId: 'x-123' },
      },
      pairings: [
        {
          name: 'app-db',
          sides: [
            { kind: 'group', accountAlias: 'a', accountId: accountA, securityGroupId: 'sg-aaa' },
            { kind: 'group', accountAlias: 'b', accountId: accountB, securityGroupId: 'sg-bbb' },
          ],
          protocol: 'all',
          ports: '-1/-1',
          direction: 'both',
          priority: 1,
          region: 'cn-qingdao',
          strategy: 'auto',
          prune: 'owned',
        },
      ],
      prune: 'owned',
      maxChangesPerRun: 200,
      maxChangesPerRunTotal: 500,
    };
    expect(result).toEqual({ ok: true, config: expected, warnings: [] });
  });

  it('keeps explicit values and normalizes instance sides', () => {
    const document = baseDocument();
    document.pairings = [
      {
        name: 'web',
        between: [
          { account: 'a', instance: 'i-aaa', securityGroup: 'sg-web' },
          { account: 'b', instance: 'i-bbb' },
        ],
        protocol: 'tcp',
        ports: '0443/443',
        direction: 'first-to-second',
        priority: 7,
        region: 'cn-hangzhou',
      },
    ];

    const result = parseDocumentObject(document);

    expect(result.ok && result.config.pairings).toEqual([
      {
        name: 'web',
        sides: [
          { kind: 'instance', accountAlias: 'a', accountId: accountA, instanceId: 'i-aaa', securityGroupId: 'sg-web' },
          { kind: 'instance', accountAlias: 'b', accountId: accountB, instanceId: 'i-bbb' },
        ],
        protocol: 'tcp',
        ports: '443/443',
        direction: 'first-to-second',
        priority: 7,
        region: 'cn-hangzhou',
        strategy: 'auto',
        prune: 'owned',
      },
    ]);
  });

  it('parses examples/pairings.yaml into both procedures of the source document', () => {
    const path = join(__dirname, '../../examples/pairings.yaml');

    const result = parseConfigText(readFileSync(path, 'utf8'), path);

    expect(result.ok).toBe(true);
    const config = result.ok ? result.config : undefined;
    expect({
      name: config?.name,
      region: config?.region,
      pairings: config?.pairings.map((p) => [p.name, p.direction, p.protocol, p.sides]),
    }).toEqual({
      name: 'demo',
      region: 'cn-qingdao',
      pairings: [
        [
          'web-pair',
          'both',
          'all',
          [
            { kind: 'instance', accountAlias: 'a', accountId: accountA, instanceId: 'i-a1' },
            { kind: 'instance', accountAlias: 'a', accountId: accountA, instanceId: 'i-a2' },
          ],
        ],
        [
          'app-db',
          'both',
          'all',
          [
            { kind: 'group', accountAlias: 'a', accountId: accountA, securityGroupId: 'sg-bp1azkttqpldxgte0001' },
            { kind: 'group', accountAlias: 'b', accountId: accountB, securityGroupId: 'sg-bp15ed6xe1yxeycg0002' },
          ],
        ],
      ],
    });
  });
});
