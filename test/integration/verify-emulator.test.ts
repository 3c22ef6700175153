import { DescribeInvocationResultsRequest } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsRequest';
import { DescribeInvocationResultsResponse } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsResponse';
import { RunCommandRequest } from '@alicloud/ecs20140526/dist/models/RunCommandRequest';
import { RunCommandResponse } from '@alicloud/ecs20140526/dist/models/RunCommandResponse';
import * as $dara from '@darabonba/typescript';
import { describe, expect, it } from 'vitest';
import { EcsRpc } from '../../shared/cloud/adapters/ecs-rpc';
import { sdkConfig } from '../../shared/cloud/adapters/sdk-config';
import { sdkError, type Creds } from '../support/clients';
import { validScenarioInput } from '../support/emulator-access';
import { exampleScenario, startWith } from '../support/product';
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_B_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

const cloud = useEmulator();

// The SDK's own request and response models over openapi-core (the full generated client takes seconds to load).
const client = (creds: Creds) =>
  new EcsRpc(sdkConfig('cn-qingdao', { host: new URL(cloud.url).host, protocol: 'http' }, creds));
const runtime = new $dara.RuntimeOptions({});
const base64 = (s: string) => Buffer.from(s).toString('base64');
const run = (instanceId: string[], script: string, extra: Record<string, unknown> = {}) =>
  client(ACCOUNT_A_CREDENTIALS).rpc(
    'RunCommand',
    new RunCommandRequest({
      regionId: 'cn-qingdao',
      type: 'RunShellScript',
      commandContent: base64(script),
      contentEncoding: 'Base64',
      instanceId,
      ...extra,
    }),
    new RunCommandResponse({}),
    runtime,
  );
const results = (invokeId: string, creds: Creds = ACCOUNT_A_CREDENTIALS) =>
  client(creds).rpc(
    'DescribeInvocationResults',
    new DescribeInvocationResultsRequest({ regionId: 'cn-qingdao', invokeId }),
    new DescribeInvocationResultsResponse({}),
    runtime,
  );

describe('the emulated Cloud Assistant (RunCommand, DescribeInvocationResults) through the real SDK', () => {
  it('answers an invocation Running first, then its result with the Base64 output of a real ping', async () => {
    const emu = await cloud.start(exampleScenario());
    const scenario = exampleScenario() as { securityGroups: { id: string; rules?: unknown[] }[] };
    scenario.securityGroups.find((g) => g.id === 'sg-a2')!.rules = [
      { ipProtocol: 'icmp', portRange: '-1/-1', sourceCidrIp: '10.0.0.1' },
    ];
    emu.emulator.reset(validScenarioInput(scenario));

    const { body } = await run(['i-a1'], 'ping -c 2 10.0.0.2');
    const first = await results(body!.invokeId!);
    const second = await results(body!.invokeId!);

    expect(body).toMatchObject({ invokeId: expect.stringMatching(/^t-/), commandId: expect.stringMatching(/^c-/) });
    expect(first.body?.invocation?.invocationResults?.invocationResult?.[0]).toMatchObject({
      instanceId: 'i-a1',
      invocationStatus: 'Running',
      invokeRecordStatus: 'Running',
    });
    const done = second.body?.invocation?.invocationResults?.invocationResult?.[0];
    expect(done).toMatchObject({
      instanceId: 'i-a1',
      invocationStatus: 'Success',
      invokeRecordStatus: 'Finished',
      exitCode: 0,
      errorCode: '',
    });
    expect(Buffer.from(done!.output!, 'base64').toString()).toBe(
      [
        'PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.',
        '64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.210 ms',
        '64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=0.220 ms',
        '',
        '--- 10.0.0.2 ping statistics ---',
        '2 packets transmitted, 2 received, 0% packet loss, time 1003ms',
        'rtt min/avg/max/mdev = 0.210/0.220/0.230/0.008 ms',
        '',
      ].join('\n'),
    );
  });

  it('a blocked ping fails with exit 1 and 100% packet loss; a script it does not simulate exits 127', async () => {
    const emu = await cloud.start(exampleScenario());
    emu.emulator.world.invocationRunningPolls = 0;

    const blocked = (await results((await run(['i-a1'], 'ping -c 3 -W 1 10.0.0.2')).body!.invokeId!)).body?.invocation
      ?.invocationResults?.invocationResult?.[0];
    const other = (await results((await run(['i-a1'], 'curl http://10.0.0.2/')).body!.invokeId!)).body?.invocation
      ?.invocationResults?.invocationResult?.[0];

    expect(blocked).toMatchObject({
      invocationStatus: 'Failed',
      invokeRecordStatus: 'Finished',
      exitCode: 1,
      errorCode: 'ExitCodeNonzero',
    });
    expect(Buffer.from(blocked!.output!, 'base64').toString()).toContain(
      '3 packets transmitted, 0 received, 100% packet loss',
    );
    expect(other).toMatchObject({ invocationStatus: 'Failed', exitCode: 127 });
  });

  it.each([
    ['an instance of another account', ['i-b1'], {}, 'InvalidInstance.NotFound', 404],
    ['an unknown instance', ['i-nope'], {}, 'InvalidInstance.NotFound', 404],
    ['a stopped instance', ['i-a2'], {}, 'InvalidInstance.NotMatch', 403],
    ['a command type that does not exist', ['i-a1'], { type: 'Shell' }, 'InvalidCmdType.NotFound', 403],
    [
      'a Windows script on a Linux instance',
      ['i-a1'],
      { type: 'RunPowerShellScript' },
      'InvalidInstance.NotMatch',
      403,
    ],
  ])('refuses %s', async (_what, ids, extra, code, status) => {
    const scenario = exampleScenario() as { instances: { id: string; status?: string }[] };
    scenario.instances.find((i) => i.id === 'i-a2')!.status = 'Stopped';
    const emu = await cloud.start(scenario);
    expect(await sdkError(run(ids, 'ping -c 1 10.0.0.2', extra))).toMatchObject({ code, statusCode: status });
    expect(emu.emulator.world.invocations.size).toBe(0);
  });

  it("hides another account's invocations and finds nothing for an unknown InvokeId", async () => {
    await cloud.start(exampleScenario());
    const { body } = await run(['i-a1'], 'ping -c 1 10.0.0.2');

    const seenByB = await results(body!.invokeId!, ACCOUNT_B_CREDENTIALS);
    const unknown = await results('t-unknown');

    expect(seenByB.body?.invocation).toMatchObject({ totalCount: 0, invocationResults: { invocationResult: [] } });
    expect(unknown.body?.invocation?.totalCount).toBe(0);
  });

  it('checks scenario vpcConnections: both VPCs must exist and differ', async () => {
    const scenario = {
      ...(exampleScenario() as object),
      vpcConnections: [
        { between: ['vpc-a', 'vpc-nope'], kind: 'cen' },
        { between: ['vpc-a', 'vpc-a'], kind: 'vpn' },
      ],
    };
    await expect(startWith(scenario)).rejects.toMatchObject({
      issues: [
        { path: 'vpcConnections[0].between[1]', message: 'no vpc vpc-nope in vpcs' },
        { path: 'vpcConnections[1].between', message: 'a connection joins two different VPCs' },
      ],
    });
  });
});
