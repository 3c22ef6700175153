import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Emulator,
  loadScenarioFile,
  parseScenario,
  parseScenarioText,
  ScenarioError,
  type ScenarioInput,
} from '../../emulator';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, HUB_ACCOUNT_ID, SEED } from '../support/emulator-platform-fixture';

// Scenario files: a zod schema (unknown keys rejected) and reference checks, every problem reported
// with its path, all at once.

const base = (): ScenarioInput => ({
  region: 'cn-qingdao',
  accounts: [
    {
      id: '1111111111111111',
      name: 'a@aliyun.com',
      accessKeys: [{ id: 'LTAIa', secret: 's' }],
      roles: [{ name: 'sg-pairing', trust: ['1000000000000001'] }],
    },
    { id: '2222222222222222', name: 'b@aliyun.com' },
  ],
  vpcs: [{ id: 'vpc-a', owner: '1111111111111111', cidr: '10.0.0.0/16', sharedWith: ['2222222222222222'] }],
  securityGroups: [
    {
      id: 'sg-a1',
      owner: '1111111111111111',
      vpc: 'vpc-a',
      rules: [{ ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.9', description: 'by hand' }],
    },
    { id: 'sg-b1', owner: '2222222222222222', vpc: 'vpc-a' },
  ],
  instances: [
    {
      id: 'i-a1',
      owner: '1111111111111111',
      vpc: 'vpc-a',
      privateIp: '10.0.0.1',
      securityGroups: ['sg-a1'],
      tags: { role: 'web' },
    },
  ],
});

const pathsOf = (input: unknown): string[] => {
  const r = parseScenario(input);
  return r.ok ? [] : r.issues.map((i) => i.path).sort();
};

describe('emulator platform: scenarios', () => {
  it('loads the seed scenario: hub, a and b with their keys and roles, both procedures', () => {
    const e = new Emulator({ scenario: SEED });
    const w = e.world;
    expect([...w.accounts.keys()]).toEqual([HUB_ACCOUNT_ID, ACCOUNT_A_ID, ACCOUNT_B_ID]);
    expect(w.accounts.get(HUB_ACCOUNT_ID)!.accessKeys.get('LTAIhubExampleKey')).toBe('hub-example-secret');
    expect(w.accounts.get(ACCOUNT_A_ID)!.roles.get('sg-pairing')).toEqual({
      name: 'sg-pairing',
      trust: [HUB_ACCOUNT_ID],
      externalId: undefined,
      maxSessionDuration: 3600,
      policy: undefined,
    });
    expect(w.accounts.get(ACCOUNT_B_ID)!.roles.get('sg-pairing')!.trust).toEqual([HUB_ACCOUNT_ID]);
    expect([...w.instances.values()].map((i) => [i.id, i.owner, i.privateIp, i.securityGroupIds.join()])).toEqual([
      ['i-a1', ACCOUNT_A_ID, '10.0.0.1', 'sg-a1'],
      ['i-a2', ACCOUNT_A_ID, '10.0.0.2', 'sg-a2'],
      ['i-a3', ACCOUNT_A_ID, '10.0.1.3', 'sg-bp1azkttqpldxgte0001'],
      ['i-b1', ACCOUNT_B_ID, '10.0.1.4', 'sg-bp15ed6xe1yxeycg0002'],
    ]);
    expect([
      w.groups.get('sg-bp1azkttqpldxgte0001')!.owner,
      w.groups.get('sg-bp15ed6xe1yxeycg0002')!.owner,
      w.groups.get('sg-bp15ed6xe1yxeycg0002')!.vpcId,
    ]).toEqual([ACCOUNT_A_ID, ACCOUNT_B_ID, 'vpc-a']);
  });

  it('fills defaults and normalizes rules the way the service reports them', () => {
    const input = base();
    input.securityGroups![0].rules = [
      { ipProtocol: 'tcp', portRange: '22/22', sourceGroupId: 'sg-b1', policy: 'drop', priority: 5 },
      { ipProtocol: 'all', portRange: '-1/-1', sourceCidrIp: '10.0.0.0/24', direction: 'ingress' },
    ];
    const w = new Emulator({ scenario: input }).world;
    expect(w.groups.get('sg-a1')!.rules.map(({ ruleId: _id, createTime: _t, ...r }) => r)).toEqual([
      {
        direction: 'ingress',
        ipProtocol: 'TCP',
        portRange: '22/22',
        sourceCidrIp: '',
        sourceGroupId: 'sg-b1',
        sourceGroupOwnerId: '2222222222222222',
        destCidrIp: '',
        sourcePortRange: '',
        nicType: 'intranet',
        policy: 'Drop',
        priority: 5,
        description: '',
        visibleAt: 0,
      },
      {
        direction: 'ingress',
        ipProtocol: 'ALL',
        portRange: '-1/-1',
        sourceCidrIp: '10.0.0.0/24',
        sourceGroupId: '',
        sourceGroupOwnerId: '',
        destCidrIp: '',
        sourcePortRange: '',
        nicType: 'intranet',
        policy: 'Accept',
        priority: 1,
        description: '',
        visibleAt: 0,
      },
    ]);
    expect(w.instances.get('i-a1')).toMatchObject({
      status: 'Running',
      zoneId: 'cn-qingdao-b',
      name: 'i-a1',
      tags: { role: 'web' },
    });
  });

  it('applies limits', () => {
    const w = new Emulator({
      scenario: { ...base(), limits: { maxRulesPerGroup: 3, maxGroupReferences: 1, maxGroupsPerInstance: 2 } },
    }).world;
    expect([w.maxRulesPerGroup, w.maxGroupReferences, w.maxGroupsPerInstance]).toEqual([3, 1, 2]);
  });

  it('reports schema problems with their paths, all at once', () => {
    const input = base() as Record<string, unknown> & ScenarioInput;
    input.accounts![0] = { ...input.accounts![0], id: 1111111111111111 as unknown as string, secret: 'x' } as never;
    input.vpcs![0] = { ...input.vpcs![0], cidr: '10.0.0.0/40' };
    input.securityGroups![0].rules![0] = {
      ipProtocol: 'SCTP',
      portRange: '22',
      sourceCidrIp: '10.0.0.300',
      priority: 0,
    };
    input.instances![0] = { ...input.instances![0], status: 'Booting' as never, securityGroups: [] };
    input.colour = 'blue';
    expect(pathsOf(input)).toEqual([
      'accounts[0].id',
      'accounts[0].secret',
      'colour',
      'instances[0].securityGroups',
      'instances[0].status',
      'securityGroups[0].rules[0].ipProtocol',
      'securityGroups[0].rules[0].portRange',
      'securityGroups[0].rules[0].priority',
      'securityGroups[0].rules[0].sourceCidrIp',
      'vpcs[0].cidr',
    ]);
  });

  it('explains unquoted account ids (YAML reads them as numbers)', () => {
    const r = parseScenarioText('accounts:\n  - { id: 1111111111111111, name: a }\n');
    expect(r.ok ? [] : r.issues).toEqual([{ path: 'accounts[0].id', message: expect.stringContaining('quoted') }]);
  });

  it('reports reference problems with their paths', () => {
    const input = base();
    input.accounts!.push({ id: '1111111111111111', name: 'dup', accessKeys: [{ id: 'LTAIa', secret: 'x' }] });
    input.vpcs!.push({
      id: 'vpc-z',
      owner: '9999999999999999',
      cidr: '172.16.0.0/16',
      sharedWith: ['8888888888888888'],
    });
    input.securityGroups!.push(
      { id: 'sg-x', owner: '2222222222222222', vpc: 'vpc-nope' },
      {
        id: 'sg-y',
        owner: '1111111111111111',
        vpc: 'vpc-a',
        rules: [
          { ipProtocol: 'TCP', portRange: '80/22', sourceGroupId: 'sg-missing' },
          { ipProtocol: 'ALL', portRange: '-1/-1' },
          { ipProtocol: 'ALL', portRange: '-1/-1', sourceGroupId: 'sg-y' },
        ],
      },
    );
    input.instances!.push(
      {
        id: 'i-a1',
        owner: '1111111111111111',
        vpc: 'vpc-a',
        privateIp: '10.1.0.1',
        securityGroups: ['sg-b1', 'sg-nope'],
      },
      { id: 'i-b1', owner: '2222222222222222', vpc: 'vpc-a', privateIp: '10.0.0.1', securityGroups: ['sg-b1'] },
    );
    expect(pathsOf(input)).toEqual([
      'accounts[2].accessKeys[0].id',
      'accounts[2].id',
      'instances[1].id',
      'instances[1].privateIp',
      'instances[1].securityGroups[0]',
      'instances[1].securityGroups[1]',
      'instances[2].privateIp',
      'securityGroups[2].vpc',
      'securityGroups[3].rules[0].portRange',
      'securityGroups[3].rules[0].sourceGroupId',
      'securityGroups[3].rules[1].sourceCidrIp',
      'securityGroups[3].rules[2].sourceGroupId',
      'vpcs[1].owner',
      'vpcs[1].sharedWith[0]',
    ]);
  });

  it('refuses an instance in a group of another VPC, and a group in a VPC not shared with its owner', () => {
    const input = base();
    input.accounts!.push({ id: '3333333333333333', name: 'c' });
    input.vpcs!.push({ id: 'vpc-c', owner: '3333333333333333', cidr: '10.0.0.0/16' });
    input.securityGroups!.push({ id: 'sg-a9', owner: '1111111111111111', vpc: 'vpc-c' });
    input.securityGroups!.push({ id: 'sg-c1', owner: '3333333333333333', vpc: 'vpc-c' });
    input.instances!.push({
      id: 'i-c1',
      owner: '3333333333333333',
      vpc: 'vpc-c',
      privateIp: '10.0.0.5',
      securityGroups: ['sg-c1', 'sg-a1'],
    });
    const r = parseScenario(input);
    expect(r.ok ? [] : r.issues).toEqual([
      { path: 'securityGroups[2].vpc', message: 'vpc vpc-c is neither owned by nor shared with 1111111111111111' },
      {
        path: 'instances[1].securityGroups[1]',
        message: "sg-a1 belongs to 1111111111111111, not to the instance's owner 3333333333333333",
      },
    ]);
  });

  it('loadScenarioFile names the file and every problem; YAML syntax errors give the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    const bad = join(dir, 'bad.yaml');
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      bad,
      'region: cn-qingdao\naccounts:\n  - { id: "1", name: a, keys: [] }\nvpcs: [{ id: v, owner: "2", cidr: 10.0.0.0/8 }]\n',
    );
    writeFileSync(broken, 'accounts: [\n  - id: "1"\n');
    const errorOf = (path: string) => {
      try {
        loadScenarioFile(path);
      } catch (err) {
        return err as ScenarioError;
      }
      throw new Error('expected a ScenarioError');
    };
    const e1 = errorOf(bad);
    const e2 = errorOf(broken);
    expect(e1).toBeInstanceOf(ScenarioError);
    expect(e1.message).toContain(bad);
    expect(e1.issues.map((i) => i.path)).toEqual(['accounts[0].keys']);
    expect(e2.issues).toEqual([{ path: expect.stringMatching(/^line \d+, column \d+$/), message: expect.any(String) }]);
  });

  it('an Emulator refuses an invalid scenario with a ScenarioError', () => {
    expect(() => new Emulator({ scenario: { accounts: [{ id: 'x', name: 'a' }] } })).toThrow(ScenarioError);
  });
});
