import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runIamCommand } from '../../cli/iam-command';
import { RAM_ACTIONS } from '../../shared/cloud/port';
import { actionsOf, computeIamPlan, type IamPlan } from '../../shared/iam';
import { setEnv } from '../support/faces';
import { config, exampleConfig } from '../support/product';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, ACCOUNT_C_ID } from '../support/identities';

const smallYaml = `version: 1
name: small
region: cn-hangzhou
roleName: sg-pairing
accounts:
  a: { id: "${ACCOUNT_A_ID}" }
  b: { id: "${ACCOUNT_B_ID}", externalId: "ext-123" }
  c: { id: "${ACCOUNT_C_ID}", roleArn: "acs:ram::${ACCOUNT_C_ID}:role/custom" }
pairings:
  - name: groups
    between: [{ account: a, securityGroup: sg-a }, { account: b, securityGroup: sg-b }]
  - name: one-way
    direction: first-to-second
    between: [{ account: b, securityGroup: sg-b3 }, { account: b, instance: i-b1, securityGroup: sg-b2 }]
  - name: to-instance
    direction: first-to-second
    between: [{ account: b, instance: i-b9 }, { account: a, instance: i-a2 }]
`;
const HUB_ROLE = 'acs:ram::9999999999999999:role/sg-pairing-hub';
const list = {
  Effect: 'Allow',
  Action: ['ecs:DescribeInstances', 'ecs:DescribeSecurityGroups', 'vpc:DescribeVpcs'],
  Resource: ['*'],
};
const groupActions = [
  'ecs:AuthorizeSecurityGroup',
  'ecs:DescribeSecurityGroupAttribute',
  'ecs:RevokeSecurityGroup',
  'ecs:TagResources',
];
// UntagResources has no resource-level authorization: granted on "*" where sg-pairing writes
const untag = { Effect: 'Allow', Action: ['ecs:UntagResources'], Resource: ['*'] };
// a rule naming a source group is also authorized against that group's ARN, in its owner's account
const references = (...arns: string[]) => ({ Effect: 'Allow', Action: ['ecs:AuthorizeSecurityGroup'], Resource: arns });
const trusting = (condition?: object) => ({
  Version: '1',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Principal: { RAM: [HUB_ROLE] },
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});

describe('sg-pairing iam: the RAM documents of a deployment', () => {
  it('scopes each account to its declared groups, with a wildcard only where the receiving group is known at run time', () => {
    const plan = computeIamPlan(config(smallYaml), { hubRoleArn: HUB_ROLE, logProject: 'sg-pairing-logs' });
    expect(plan).toEqual({
      version: 1,
      deployment: 'small',
      region: 'cn-hangzhou',
      hub: {
        roleArn: HUB_ROLE,
        placeholder: false,
        workerFunction: 'sg-pairing-reconcile-worker',
        trustPolicy: {
          Version: '1',
          Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['fc.aliyuncs.com'] } }],
        },
        permissionPolicy: {
          Version: '1',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['sts:AssumeRole'],
              Resource: [
                `acs:ram::${ACCOUNT_A_ID}:role/sg-pairing`,
                `acs:ram::${ACCOUNT_B_ID}:role/sg-pairing`,
                `acs:ram::${ACCOUNT_C_ID}:role/custom`,
              ],
            },
            {
              Effect: 'Allow',
              Action: ['fc:InvokeFunction'],
              Resource: ['acs:fc:cn-hangzhou:9999999999999999:functions/sg-pairing-reconcile-worker'],
            },
            {
              Effect: 'Allow',
              Action: ['mns:SendMessage'],
              Resource: ['acs:mns:cn-hangzhou:9999999999999999:/queues/sg-pairing-dlq/messages'],
            },
            {
              Effect: 'Allow',
              Action: ['log:PostLogStoreLogs'],
              Resource: ['acs:log:cn-hangzhou:9999999999999999:project/sg-pairing-logs/logstore/*'],
            },
          ],
        },
      },
      accounts: [
        {
          alias: 'a',
          accountId: ACCOUNT_A_ID,
          roleArn: `acs:ram::${ACCOUNT_A_ID}:role/sg-pairing`,
          trustPolicy: trusting(),
          // i-a2 receives in its first group, known only at run time: the wildcard covers sg-a too
          permissionPolicy: {
            Version: '1',
            Statement: [
              {
                Effect: 'Allow',
                Action: groupActions,
                Resource: [`acs:ecs:cn-hangzhou:${ACCOUNT_A_ID}:securitygroup/*`],
              },
              references(`acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:securitygroup/sg-b`),
              untag,
              list,
            ],
          },
        },
        {
          alias: 'b',
          accountId: ACCOUNT_B_ID,
          roleArn: `acs:ram::${ACCOUNT_B_ID}:role/sg-pairing`,
          externalId: 'ext-123',
          trustPolicy: trusting({ StringEquals: { 'sts:ExternalId': 'ext-123' } }),
          // sg-b3 only sends (first-to-second): read, never written; i-b9 only sends: no group at all
          permissionPolicy: {
            Version: '1',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['ecs:DescribeSecurityGroupAttribute'],
                Resource: [
                  `acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:securitygroup/sg-b`,
                  `acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:securitygroup/sg-b2`,
                  `acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:securitygroup/sg-b3`,
                ],
              },
              {
                Effect: 'Allow',
                Action: ['ecs:AuthorizeSecurityGroup', 'ecs:RevokeSecurityGroup', 'ecs:TagResources'],
                Resource: [
                  `acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:securitygroup/sg-b`,
                  `acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:securitygroup/sg-b2`,
                ],
              },
              // sg-b2 references sg-b3 (read only): the reference needs its own grant
              references(
                `acs:ecs:cn-hangzhou:${ACCOUNT_A_ID}:securitygroup/sg-a`,
                `acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:securitygroup/sg-b3`,
              ),
              untag,
              list,
            ],
          },
        },
        {
          alias: 'c',
          accountId: ACCOUNT_C_ID,
          roleArn: `acs:ram::${ACCOUNT_C_ID}:role/custom`,
          trustPolicy: trusting(),
          permissionPolicy: { Version: '1', Statement: [list] },
        },
      ],
      verifyCommands: [],
      warnings: [
        {
          code: 'RuntimeReceivingGroup',
          account: 'a',
          message: expect.stringContaining(
            `i-a2 receive in their first security group, known only at run time: writes in account a are scoped to acs:ecs:cn-hangzhou:${ACCOUNT_A_ID}:securitygroup/*`,
          ),
        },
        { code: 'AccountUnused', account: 'c', message: expect.stringContaining('is in no pairing') },
      ],
    });
  });

  it('grants exactly the RAM actions the port methods declare, plus the two the deployment itself needs', () => {
    // every pairing opted in to verify, so the Cloud Assistant actions are granted too (test/integration/verify-iam.test.ts),
    // and to egress: manage, so the egress writes are (test/integration/egress-manage.test.ts);
    // a deploymentId, so the migration's ModifySecurityGroupRule is too (docs/configuration.md "Deployment identity")
    const example = { ...exampleConfig(), deploymentId: 'example' };
    // web-pair (one account) under strategy prefix-list, so the prefix list actions are too
    const strategy = (name: string, s: string) => (name === 'web-pair' ? ('prefix-list' as const) : s);
    const plan = computeIamPlan(
      // and with a Resource Directory, so the hub's ListAccounts grants are there too
      {
        ...example,
        directory: { roleName: 'sg-pairing' },
        pairings: example.pairings.map((p) => ({
          ...p,
          verify: true as const,
          egress: 'manage' as const,
          strategy: strategy(p.name, p.strategy) as typeof p.strategy,
        })),
      },
      { hubRoleArn: HUB_ROLE, history: { bucket: 'sg-history', prefix: 'prod' }, eventBus: 'sg-pairing-runs' },
    );
    const actions = (docs: IamPlan['hub']['permissionPolicy'][]) =>
      new Set(docs.flatMap((d) => d.Statement.flatMap((s) => s.Action)));
    const granted = actions([plan.hub.permissionPolicy, ...plan.accounts.map((a) => a.permissionPolicy)]);
    const declared = new Set<string>(Object.values(RAM_ACTIONS).flat());
    expect([...granted].filter((a) => !declared.has(a)).sort()).toEqual(['log:PostLogStoreLogs', 'mns:SendMessage']); // s.yaml logConfig: auto, onFailure queue
    // finding and creating the verify command is the bootstrap's (an admin's), never the role's
    expect([...declared].filter((a) => !granted.has(a)).sort()).toEqual(actionsOf('verify-setup'));
    expect(actionsOf('verify-setup')).toEqual(['ecs:CreateCommand', 'ecs:DescribeCommands']);
    for (const account of plan.accounts)
      expect(
        [...actions([account.permissionPolicy])].every((a) => a.startsWith('ecs:') || a === 'vpc:DescribeVpcs'),
      ).toBe(true);
  });

  it('marks the placeholder hub role when none is given', () => {
    const plan = computeIamPlan(exampleConfig());
    expect(plan.hub).toMatchObject({ roleArn: 'acs:ram::<hub-account-id>:role/sg-pairing-hub', placeholder: true });
    expect(plan.warnings[0]).toMatchObject({ code: 'HubRolePlaceholder' });
    expect(plan.hub.permissionPolicy.Statement[1].Resource).toEqual([
      'acs:fc:cn-qingdao:<hub-account-id>:functions/sg-pairing-reconcile-worker',
    ]);
  });
});

describe('the iam command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-iam-'));
  const file = join(dir, 'pairings.yaml');
  writeFileSync(file, smallYaml);
  const capture = () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
    return out;
  };
  afterEach(() => vi.restoreAllMocks());

  it('--json prints the plan, the hub role from SG_PAIRING_HUB_ROLE_ARN and the worker from SG_PAIRING_WORKER_FUNCTION', async () => {
    const undo = setEnv({ SG_PAIRING_HUB_ROLE_ARN: HUB_ROLE, SG_PAIRING_WORKER_FUNCTION: 'other-worker' });
    const out = capture();
    try {
      expect(await runIamCommand(['--config', file, '--json'])).toBe(0);
    } finally {
      undo();
    }
    expect(JSON.parse(out.join(''))).toEqual(
      JSON.parse(
        JSON.stringify(computeIamPlan(config(smallYaml), { hubRoleArn: HUB_ROLE, workerFunction: 'other-worker' })),
      ),
    );
  });

  it('prints each document under a heading; --hub-role-arn wins; a malformed ARN exits 1', async () => {
    const out = capture();
    expect(await runIamCommand(['-c', file, '--hub-role-arn', 'acs:ram::8888888888888888:role/hub'])).toBe(0);
    const text = out.join('');
    expect(text).toContain("== Hub: the functions' execution role acs:ram::8888888888888888:role/hub ==");
    expect(text).toContain(`== Account b (${ACCOUNT_B_ID}): role acs:ram::${ACCOUNT_B_ID}:role/sg-pairing ==`);
    expect(text).toContain('"sts:ExternalId": "ext-123"');
    expect(text).toContain('note: instance side(s) i-a2');
    out.length = 0;
    expect(await runIamCommand(['--help'])).toBe(0);
    expect(out.join('')).toContain('Usage: sg-pairing iam');
    out.length = 0;
    expect(await runIamCommand(['-c', file, '--hub-role-arn', 'arn:aws:iam::1:role/x'])).toBe(1);
    expect(out.join('')).toContain('acs:ram::<account-id>:role/<name>');
  });
});
