import { CreateCommandRequest } from '@alicloud/ecs20140526/dist/models/CreateCommandRequest';
import { CreateCommandResponse } from '@alicloud/ecs20140526/dist/models/CreateCommandResponse';
import { DescribeCommandsRequest } from '@alicloud/ecs20140526/dist/models/DescribeCommandsRequest';
import { DescribeCommandsResponse } from '@alicloud/ecs20140526/dist/models/DescribeCommandsResponse';
import { DescribeInvocationResultsRequest } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsRequest';
import { DescribeInvocationResultsResponse } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsResponse';
import { InvokeCommandResponse } from '@alicloud/ecs20140526/dist/models/InvokeCommandResponse';
import { InvokeCommandShrinkRequest } from '@alicloud/ecs20140526/dist/models/InvokeCommandShrinkRequest';
import * as $dara from '@darabonba/typescript';
import { describe, expect, it } from 'vitest';
import { EcsRpc } from '../../shared/cloud/adapters/ecs-rpc';
import { sdkConfig } from '../../shared/cloud/adapters/sdk-config';
import { sdkError, type Creds } from '../support/clients';
import { exampleScenario } from '../support/product';
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_B_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

/** The emulated CreateCommand / DescribeCommands / InvokeCommand through the SDK's own models. */
const cloud = useEmulator({ scenario: exampleScenario() });
const runtime = new $dara.RuntimeOptions({});
const client = (creds: Creds) =>
  new EcsRpc(sdkConfig('cn-qingdao', { host: new URL(cloud.url).host, protocol: 'http' }, creds));
const base64 = (s: string) => Buffer.from(s).toString('base64');

async function create(script: string, name = 'probe', creds: Creds = ACCOUNT_A_CREDENTIALS): Promise<string> {
  const { body } = await client(creds).rpc(
    'CreateCommand',
    new CreateCommandRequest({
      regionId: 'cn-qingdao',
      name,
      type: 'RunShellScript',
      commandContent: base64(script),
      enableParameter: true,
    }),
    new CreateCommandResponse({}),
    runtime,
  );
  return body!.commandId!;
}
const invoke = (commandId: string, parameters: unknown) =>
  client(ACCOUNT_A_CREDENTIALS).rpc(
    'InvokeCommand',
    new InvokeCommandShrinkRequest({
      regionId: 'cn-qingdao',
      commandId,
      instanceId: ['i-a1'],
      parametersShrink: JSON.stringify(parameters),
    }),
    new InvokeCommandResponse({}),
    runtime,
  );
async function resultOf(invokeId: string) {
  const { body } = await client(ACCOUNT_A_CREDENTIALS).rpc(
    'DescribeInvocationResults',
    new DescribeInvocationResultsRequest({ regionId: 'cn-qingdao', invokeId, contentEncoding: 'PlainText' }),
    new DescribeInvocationResultsResponse({}),
    runtime,
  );
  return body!.invocation!.invocationResults!.invocationResult![0];
}

describe('the emulated Cloud Assistant commands (CreateCommand, DescribeCommands, InvokeCommand)', () => {
  it('creates a command with its custom parameters, and finds it by name (exact or fuzzy), content Base64', async () => {
    const id = await create('ping -c 2 {{ host }}\n# {{Host}} again, and a built-in: {{ACS::InstanceId}}');

    const answers = await Promise.all(
      ['probe', 'pro*', 'other'].map((name) =>
        client(ACCOUNT_A_CREDENTIALS).rpc(
          'DescribeCommands',
          new DescribeCommandsRequest({ regionId: 'cn-qingdao', name, maxResults: 50 }),
          new DescribeCommandsResponse({}),
          runtime,
        ),
      ),
    );

    const [exact, fuzzy, none] = answers.map((a) => a.body!.commands!.command ?? []);
    expect(exact).toEqual([
      expect.objectContaining({
        commandId: id,
        name: 'probe',
        enableParameter: true,
        parameterNames: { parameterName: ['host'] },
        commandContent: base64('ping -c 2 {{ host }}\n# {{Host}} again, and a built-in: {{ACS::InstanceId}}'),
      }),
    ]);
    expect(fuzzy.map((c) => c.commandId)).toEqual([id]);
    expect(none).toEqual([]);
  });

  it('fills the parameters in (names case-insensitive) and runs the probe they describe', async () => {
    cloud.world.invocationRunningPolls = 0;
    const id = await create('ping -c 2 {{ host }}');

    const { body } = await invoke(id, { HOST: '10.0.0.2' });
    const result = await resultOf(body!.invokeId!);

    expect(result).toMatchObject({ commandId: id, instanceId: 'i-a1', exitCode: 1 });
    expect(result.output).toContain('2 packets transmitted, 0 received, 100% packet loss');
  });

  it('refuses an unknown or foreign command, and parameters the command does not define, with the documented codes', async () => {
    const mine = await create('ping -c 2 {{host}}');
    const theirs = await create('ping -c 2 {{host}}', 'probe', ACCOUNT_B_CREDENTIALS);

    const errors = await Promise.all([
      sdkError(invoke('c-missing', { host: '10.0.0.2' })),
      sdkError(invoke(theirs, { host: '10.0.0.2' })),
      sdkError(invoke(mine, { host: '10.0.0.2', port: '22' })),
      sdkError(invoke(mine, Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, 'x'])))),
      sdkError(invoke(mine, { host: 10 })),
      sdkError(invoke(mine, { '': 'x' })),
    ]);

    expect(errors.map((e) => [e.code, e.statusCode])).toEqual([
      ['InvalidCommandId.NotFound', 404],
      ['InvalidCommandId.NotFound', 404],
      ['InvalidParameters.KeyNotMatch', 400],
      ['InvalidParameters.CountLimitExceeded', 403],
      ['InvalidParameters.ValueTypeUnsupported', 403],
      ['InvalidParameters.KeyEmpty', 400],
    ]);
  });

  it('a defined parameter not passed: filled in empty (the InvokeCommand doc), or refused under the other reading', async () => {
    cloud.world.invocationRunningPolls = 0;
    const id = await create('ping -c 2 {{host}}');

    const empty = await resultOf((await invoke(id, {})).body!.invokeId!);
    cloud.world.missingCommandParameter = 'error';
    const refused = await sdkError(invoke(id, {}));

    // `ping -c 2 ` is no probe the emulator simulates
    expect(empty).toMatchObject({ exitCode: 127 });
    expect([refused.code, refused.statusCode]).toEqual(['InvalidParameters.KeyNotMatch', 400]);
  });
});
