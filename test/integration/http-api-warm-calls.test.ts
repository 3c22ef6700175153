import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/http-api';
import type { FcContext } from '../../shared/function-host';
import { encodeFcHttpEvent } from '../../shared/triggers/http';
import { HUB_CREDENTIALS } from '../support/identities';
import { exampleConfig, exampleScenario, exampleYaml, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });

// the example file's pairings, no token; the handler's FC log lines captured
beforeAll(() => {
  cloud.useFunctionEnv(exampleYaml(), { SG_PAIRING_HTTP_TOKEN: undefined, SG_PAIRING_HTTP_AUTH: 'none' });
  cloud.captureLogs();
});

const context = (n: number): FcContext => ({
  requestId: `req-warm-${n}`,
  credentials: { ...HUB_CREDENTIALS },
  function: { name: 'sg-pairing-http-api' },
});

const postReconcile = (pairing: string) =>
  encodeFcHttpEvent({
    method: 'POST',
    url: '/reconcile',
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify({ pairings: [pairing] })),
    requestId: 'r',
  });

/** The actions the emulator answered while `act` ran, sorted (concurrent calls come in any order). */
async function actionsDuring(act: () => Promise<unknown>): Promise<string[]> {
  const since = cloud.calls.records.length;
  await act();
  return cloud.calls.records
    .slice(since)
    .map((c) => c.action)
    .sort();
}

describe('a warm POST /reconcile makes the calls of the core’s warm run', () => {
  it('app-db (two group sides): the HTTP face keeps the runtime’s caches, so no AssumeRole and no type lookup', async () => {
    // Prepare: a cold run through each face converges the pairing and fills its process's caches
    const runtime = runtimeFor(cloud.emulator);
    const invoke = async (n: number) => {
      const r = await handler(JSON.stringify(postReconcile('app-db')), context(n));
      expect(r.statusCode).toBe(200);
    };
    await invoke(1);
    await run(exampleConfig(), runtime, { pairings: ['app-db'] });

    // Act: the warm runs
    const http = await actionsDuring(() => invoke(2));
    const core = await actionsDuring(() => run(exampleConfig(), runtime, { pairings: ['app-db'] }));

    // Assess: the same calls, the groups' rules only
    expect(http).toEqual(core);
    expect(http).toEqual(['DescribeSecurityGroupAttribute', 'DescribeSecurityGroupAttribute']);
  });
});
