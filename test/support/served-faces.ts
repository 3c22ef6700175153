// The faces of one example world for a suite: the handlers pointed at the emulator through the
// environment (config file, one attempt per call) and `sg-pairing serve` in this process.
import { afterAll, beforeAll } from 'vitest';
import { startServe, type RunningServe } from '../../cli/serve-command';
import { forgetFunctionConfig, forgetFunctionRuntime } from '../../shared/function-host';
import { exampleConfig, exampleScenario, examples, run, runtimeFor } from './product';
import type { CloudUnderTest } from './use-emulator';
import { join } from 'node:path';

export const CONFIG_FILE = join(examples, 'pairings.yaml');

/** Every API action that changes the cloud: none may be called by a dry run or a refused request. */
const WRITES = new Set([
  'AuthorizeSecurityGroup',
  'RevokeSecurityGroup',
  'CreateSecurityGroup',
  'RunInstances',
  'DeleteInstance',
  'StartInstance',
  'StopInstance',
  'JoinSecurityGroup',
  'LeaveSecurityGroup',
  'TagResources',
  'UntagResources',
  'RunCommand',
  'CreateCommand',
  'InvokeCommand',
]);

/** A fresh example world (converged or not) for the suite, with `serve` in this process; torn down after it. */
export function servedFaces(cloud: CloudUnderTest, options: { converged: boolean }) {
  let serve: RunningServe | undefined;
  beforeAll(async () => {
    const emu = await cloud.start(exampleScenario());
    if (options.converged) await run(exampleConfig(), runtimeFor(emu));
    emu.emulator.calls.clear();
    emu.emulator.events.clear();
    cloud.setEnv({
      ...cloud.env(),
      SG_PAIRING_CONFIG: undefined,
      SG_PAIRING_CONFIG_FILE: CONFIG_FILE,
      SG_PAIRING_HTTP_TOKEN: undefined,
      SG_PAIRING_HTTP_AUTH: 'none', // the explicit opt-out: these suites test the face, not its token
      SG_PAIRING_RETRY_MAX_ATTEMPTS: '1',
    });
    forgetFunctionConfig();
    forgetFunctionRuntime();
    serve = await startServe({ port: 0, configFile: CONFIG_FILE });
  });
  afterAll(async () => {
    await serve?.close();
    await cloud.teardown();
    forgetFunctionConfig();
    forgetFunctionRuntime();
  });

  return {
    get serve(): RunningServe {
      if (!serve) throw new Error('servedFaces: serve not started');
      return serve;
    },
    writeCalls: () => cloud.calls.records.filter((c) => WRITES.has(c.action)),
    /** Every ingress rule of every group, in pairedRules' form (a rule outside the paired groups shows too). */
    allRules: () =>
      [...cloud.world.groups.values()]
        .flatMap((g) =>
          g.rules
            .filter((r) => r.direction === 'ingress')
            .map(
              (r) =>
                `${g.id} <- ${r.ipProtocol} ${r.portRange} ${r.sourceCidrIp || `${r.sourceGroupId}@${r.sourceGroupOwnerId}`} (${r.description})`,
            ),
        )
        .sort(),
  };
}
