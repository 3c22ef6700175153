import { RunCommandRequest } from '@alicloud/ecs20140526/dist/models/RunCommandRequest';
import { RunCommandResponse } from '@alicloud/ecs20140526/dist/models/RunCommandResponse';
import * as $Sts from '@alicloud/sts20150401';
import * as $dara from '@darabonba/typescript';
import { describe, expect, it } from 'vitest';
import { AssistantAdapter } from '../../shared/cloud/adapters/assistant-adapter';
import { EcsRpc } from '../../shared/cloud/adapters/ecs-rpc';
import { sdkConfig } from '../../shared/cloud/adapters/sdk-config';
import type { AssistantPort } from '../../shared/cloud/port';
import { computeIamPlan, type IamPlan } from '../../shared/iam';
import { silentLogger } from '../../shared/log';
import { ensureVerifyCommand, verifyPairing } from '../../shared/verify';
import { sdkError, stsClient, type Creds } from '../support/clients';
import type { RunningEmulator } from '../support/emulator-access';
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_ID, HUB_CREDENTIALS, roleArnOf } from '../support/identities';
import { callCounts, config, exampleScenario, run, runtimeFor, webPairVerifyYaml } from '../support/product';
import { useEmulator } from '../support/use-emulator';

/**
 * Issue 18, finding 4: `verify: true` no longer means "any script on member instances". verify invokes
 * one fixed, parameterised Cloud Assistant command per account, and the generated policy grants only
 * InvokeCommand on that command (and DescribeInvocationResults), never RunCommand nor `command/*`.
 */
const cloud = useEmulator();
const HUB_ROLE = 'acs:ram::1000000000000001:role/sg-pairing-hub';
const fast = { pollIntervalMs: 10, maxWaitMs: 2000, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } };
const endpoint = (emu: RunningEmulator) => ({ host: new URL(emu.url).host, protocol: 'http' as const });

/** Cloud Assistant as account a's admin (its own long-lived key): the bootstrap's identity. */
const adminAssistant = (emu: RunningEmulator): AssistantPort =>
  new AssistantAdapter(
    'cn-qingdao',
    ACCOUNT_A_ID,
    { ...ACCOUNT_A_CREDENTIALS, securityToken: '', expiresAt: Number.MAX_SAFE_INTEGER, account: ACCOUNT_A_ID },
    endpoint(emu),
  );

/** Loads the plan's permission policy onto each declared account's role (the roles of the example world). */
function loadPolicies(emu: RunningEmulator, plan: IamPlan): void {
  for (const a of plan.accounts) {
    const role = emu.emulator.world.accounts.get(a.accountId)!.roles.get('sg-pairing')!;
    role.policy = a.permissionPolicy;
  }
}

/** A session of account a's sg-pairing role, as the product holds it. */
async function roleSession(emu: RunningEmulator): Promise<Required<Creds>> {
  const r = await stsClient(emu.url, HUB_CREDENTIALS).assumeRole(
    new $Sts.AssumeRoleRequest({ roleArn: roleArnOf(ACCOUNT_A_ID), roleSessionName: 'sg-pairing' }),
  );
  const c = r.body!.credentials!;
  return { accessKeyId: c.accessKeyId!, accessKeySecret: c.accessKeySecret!, securityToken: c.securityToken! };
}

const allResources = (plan: IamPlan) =>
  plan.accounts.flatMap((a) => a.permissionPolicy.Statement.flatMap((s) => s.Resource ?? []));
const allActions = (plan: IamPlan) =>
  plan.accounts.flatMap((a) => a.permissionPolicy.Statement.flatMap((s) => s.Action));

describe('verify through a fixed Cloud Assistant command (issue 18, finding 4)', () => {
  it('the generated policy holds no RunCommand and no command/*: InvokeCommand on the declared command only', () => {
    const declared = config(
      webPairVerifyYaml().replace(`id: "${ACCOUNT_A_ID}" }`, `id: "${ACCOUNT_A_ID}", verifyCommandId: c-probe1 }`),
    );
    const undeclared = config(webPairVerifyYaml());

    for (const plan of [declared, undeclared].map((c) => computeIamPlan(c, { hubRoleArn: HUB_ROLE }))) {
      expect(allActions(plan)).not.toContain('ecs:RunCommand');
      expect(allActions(plan)).not.toContain('ecs:CreateCommand');
      expect(allResources(plan).filter((r) => r.includes(':command/*'))).toEqual([]);
    }
    const plan = computeIamPlan(declared, { hubRoleArn: HUB_ROLE });
    expect(plan.accounts[0].permissionPolicy.Statement).toContainEqual({
      Effect: 'Allow',
      Action: ['ecs:DescribeInvocationResults', 'ecs:InvokeCommand'],
      Resource: [
        `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:command/c-probe1`,
        `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/i-a1`,
        `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/i-a2`,
      ],
    });
    expect(plan.verifyCommands).toEqual([expect.objectContaining({ alias: 'a', commandId: 'c-probe1' })]);
    // undeclared: a marked placeholder, a warning, and the CreateCommand call that bootstraps it
    const open = computeIamPlan(undeclared, { hubRoleArn: HUB_ROLE });
    expect(open.warnings).toContainEqual(expect.objectContaining({ code: 'VerifyCommandUndeclared', account: 'a' }));
    expect(open.verifyCommands[0].createWith).toMatch(
      /^aliyun ecs CreateCommand --RegionId cn-qingdao --Name sg-pairing-verify-demo --Type RunShellScript --EnableParameter true/,
    );
  });

  it('works end to end under the generated policy: the command is created once, then only invoked', async () => {
    // Prepare: the bootstrap (account a's admin) finds-or-creates the command, twice: one CreateCommand
    const emu = await cloud.start(exampleScenario());
    const first = await ensureVerifyCommand(adminAssistant(emu), 'demo', ACCOUNT_A_ID);
    const again = await ensureVerifyCommand(adminAssistant(emu), 'demo', ACCOUNT_A_ID);
    const yaml = webPairVerifyYaml().replace(
      `id: "${ACCOUNT_A_ID}" }`,
      `id: "${ACCOUNT_A_ID}", verifyCommandId: ${first.commandId} }`,
    );
    const cfg = config(yaml);
    loadPolicies(emu, computeIamPlan(cfg, { hubRoleArn: HUB_ROLE }));
    const runtime = runtimeFor(emu);
    await run(cfg, runtime);
    const since = emu.emulator.calls.records.length;

    // Act
    const report = await verifyPairing(
      cfg,
      'web-pair',
      { ...runtime.cloudAccess(cfg, fast.retry), log: silentLogger },
      fast,
    );

    // Assess: the same report as before (a ping each way), through InvokeCommand of that command only
    expect(first.created).toBe(true);
    expect(again).toEqual({ commandId: first.commandId, created: false });
    expect(report.directions.map((d) => [d.status, d.reason, d.probe])).toEqual([
      ['Reachable', 'ProbeSucceeded', 'ping -c 3 -W 2 10.0.0.2'],
      ['Reachable', 'ProbeSucceeded', 'ping -c 3 -W 2 10.0.0.1'],
    ]);
    expect(report.directions[0].message).toContain('3 packets transmitted, 3 received');
    const calls = emu.emulator.calls.records.slice(since);
    expect(calls.filter((c) => c.code !== '')).toEqual([]);
    expect(calls.filter((c) => c.action === 'InvokeCommand').map((c) => c.params.CommandId)).toEqual([
      first.commandId,
      first.commandId,
    ]);
    expect(callCounts(emu)).toMatchObject({ CreateCommand: 1, DescribeCommands: 2, InvokeCommand: 2 });
    expect(callCounts(emu)).not.toHaveProperty('RunCommand');
  });

  it('under the generated policy, an account without verifyCommandId is Unknown with the way out, and nothing is created', async () => {
    const emu = await cloud.start(exampleScenario());
    const cfg = config(webPairVerifyYaml());
    loadPolicies(emu, computeIamPlan(cfg, { hubRoleArn: HUB_ROLE }));

    const report = await verifyPairing(
      cfg,
      'web-pair',
      { ...runtimeFor(emu).cloudAccess(cfg, fast.retry), log: silentLogger },
      fast,
    );

    expect(report.directions.map((d) => [d.status, d.reason])).toEqual([
      ['Unknown', 'Forbidden.RAM'],
      ['Unknown', 'Forbidden.RAM'],
    ]);
    expect(report.directions[0].message).toContain('declare its CommandId');
    expect(callCounts(emu)).toMatchObject({ DescribeCommands: 1 });
    expect(callCounts(emu)).not.toHaveProperty('CreateCommand');
    expect(callCounts(emu)).not.toHaveProperty('InvokeCommand');
  });

  it('never invokes a command of its name that holds another script (VerifyCommandMismatch)', async () => {
    const emu = await cloud.start(exampleScenario());
    await adminAssistant(emu).createCommand({
      name: 'sg-pairing-verify-demo',
      description: '',
      script: 'ping -c 3 {{host}}',
      timeoutSeconds: 60,
    });
    const cfg = config(webPairVerifyYaml());

    const report = await verifyPairing(
      cfg,
      'web-pair',
      { ...runtimeFor(emu).cloudAccess(cfg, fast.retry), log: silentLogger },
      fast,
    );

    expect(report.directions.map((d) => [d.status, d.reason])).toEqual([
      ['Unknown', 'VerifyCommandMismatch'],
      ['Unknown', 'VerifyCommandMismatch'],
    ]);
    expect(callCounts(emu)).toMatchObject({ CreateCommand: 1, DescribeCommands: 1 });
    expect(callCounts(emu)).not.toHaveProperty('InvokeCommand');
  });

  it('least privilege: the role may not RunCommand, create a command, nor invoke another command', async () => {
    // Prepare: the verify command, and another command of the account's (an admin's)
    const emu = await cloud.start(exampleScenario());
    const admin = adminAssistant(emu);
    const { commandId } = await ensureVerifyCommand(admin, 'demo', ACCOUNT_A_ID);
    const other = await admin.createCommand({ name: 'ops', description: '', script: 'id', timeoutSeconds: 60 });
    const cfg = config(
      webPairVerifyYaml().replace(`id: "${ACCOUNT_A_ID}" }`, `id: "${ACCOUNT_A_ID}", verifyCommandId: ${commandId} }`),
    );
    loadPolicies(emu, computeIamPlan(cfg, { hubRoleArn: HUB_ROLE }));
    const role = await roleSession(emu);
    const asRole = new AssistantAdapter(
      'cn-qingdao',
      ACCOUNT_A_ID,
      { ...role, expiresAt: Date.now() + 3_600_000, account: ACCOUNT_A_ID },
      endpoint(emu),
    );
    const runCommand = new EcsRpc(sdkConfig('cn-qingdao', endpoint(emu), role)).rpc(
      'RunCommand',
      new RunCommandRequest({
        regionId: 'cn-qingdao',
        type: 'RunShellScript',
        commandContent: 'id',
        instanceId: ['i-a1'],
      }),
      new RunCommandResponse({}),
      new $dara.RuntimeOptions({}),
    );

    // Act
    const refused = await Promise.all([
      sdkError(runCommand),
      asRole.invokeCommand(other.commandId, ['i-a1'], {}, 30).then(
        () => ({ code: 'allowed' }),
        (e: { code: string }) => ({ code: e.code }),
      ),
      asRole.createCommand({ name: 'x', description: '', script: 'id', timeoutSeconds: 60 }).then(
        () => ({ code: 'allowed' }),
        (e: { code: string }) => ({ code: e.code }),
      ),
    ]);
    const allowed = await asRole.invokeCommand(commandId, ['i-a1'], { kind: 'icmp', host: '10.0.0.2', port: '0' }, 30);

    // Assess
    expect(refused.map((r) => r.code)).toEqual(['Forbidden.RAM', 'Forbidden.RAM', 'Forbidden.RAM']);
    expect(allowed.invokeId).toMatch(/^t-/);
    const denied = emu.emulator.calls.records.filter((c) => c.code === 'Forbidden.RAM').map((c) => c.action);
    expect(denied.sort()).toEqual(['CreateCommand', 'InvokeCommand', 'RunCommand']);
  });
});
