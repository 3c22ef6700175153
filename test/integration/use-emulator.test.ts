import { describe, expect, it } from 'vitest';
import { exampleScenario } from '../support/product';
import { useEmulator, type CloudUnderTest } from '../support/use-emulator';

// The harness every integration test stands on: what a test starts or sets, the fixture's own
// teardown undoes (the tests of a file run in order, so the second checks what the first left).

const SCENARIO = exampleScenario();
const CONFIG_BEFORE = process.env.SG_PAIRING_CONFIG;
let left: { cloud: CloudUnderTest; url: string } | undefined;

describe('useEmulator', () => {
  const cloud = useEmulator({ scenario: SCENARIO, faults: { action: 'DescribeInstances', latencyMs: 1 } });

  it('starts the scenario with its faults, and points the environment at it until the teardown', async () => {
    cloud.setEnv({ SG_PAIRING_USE_EMULATOR_PROBE: 'set' });
    cloud.useFunctionEnv('version: 1');
    const logs = cloud.captureLogs();
    process.stdout.write('{"probe":1}\n');

    expect(cloud.world.accounts.size).toBe(3);
    expect(cloud.faults.list()).toHaveLength(1);
    expect(process.env.SG_PAIRING_USE_EMULATOR_PROBE).toBe('set');
    expect(process.env.SG_PAIRING_CONFIG).toBe('version: 1');
    expect(process.env.SG_PAIRING_ECS_ENDPOINT).toBe(cloud.url);
    expect(cloud.env().SG_PAIRING_STS_ENDPOINT).toBe(cloud.url);
    expect(logs.lines()).toEqual([{ probe: 1 }]);
    expect((await fetch(`${cloud.url}/`)).status).toBeGreaterThan(0);
    left = { cloud, url: cloud.url };
  });

  it('the next test finds a fresh emulator, the variables restored and the last one closed', async () => {
    expect(left).toBeDefined();
    expect(cloud.url).not.toBe(left!.url);
    expect(process.env.SG_PAIRING_USE_EMULATOR_PROBE).toBeUndefined();
    expect(process.env.SG_PAIRING_CONFIG).toBe(CONFIG_BEFORE);
    await expect(fetch(`${left!.url}/`)).rejects.toThrow();
  });
});

describe('useEmulator without a scenario', () => {
  const cloud = useEmulator();

  it('has no emulator until the test starts one', () => {
    expect(() => cloud.emulator).toThrow(/no emulator running/);
    expect(() => cloud.logs).toThrow(/not capturing logs/);
  });
});
