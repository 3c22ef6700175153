import { describe, expect, it } from 'vitest';
import { ACCOUNT_B_ID } from '../support/identities';
import { exampleConfig, exampleScenario, ingressRules, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// ECS writes retry what terraform-provider-alicloud retries (busy, paced, an earlier request still
// being processed or in conflict) with the same ClientToken, and never what the caller must fix.

const cloud = useEmulator();
const APP_DB_GROUP_B = 'sg-bp15ed6xe1yxeycg0002';

/** The AuthorizeSecurityGroup calls that acted in account b, in order: their answer and their ClientToken. */
const authorizeCallsInB = () =>
  cloud.calls
    .find({ action: 'AuthorizeSecurityGroup', account: ACCOUNT_B_ID })
    .map((c) => ({ code: c.code, clientToken: c.params.ClientToken }));

describe('ECS write retries', () => {
  it.each([
    'LastTokenProcessing',
    'OperationConflict',
    'IncorrectStatus',
    'SystemBusy',
    'ServiceUnavailable',
    'Throttling.User',
  ])('a write first answered %s is sent again with the same ClientToken, and lands once', async (code) => {
    const emu = await cloud.start(exampleScenario(), {
      faults: { action: 'AuthorizeSecurityGroup', account: ACCOUNT_B_ID, failNext: { count: 1, code } },
    });

    const report = await run(exampleConfig(), runtimeFor(emu));

    expect(report.pairings.find((p) => p.name === 'app-db')).toMatchObject({ status: 'Changed' });
    const calls = authorizeCallsInB();
    expect(calls.map((c) => c.code)).toEqual([code, '']);
    expect(calls[0].clientToken).toMatch(/^sgp-/);
    expect(calls[1].clientToken).toBe(calls[0].clientToken);
    expect(ingressRules(emu, APP_DB_GROUP_B)).toHaveLength(1);
  });

  it.each(['InvalidParam.PortRange', 'Forbidden.RAM', 'InvalidParam.Permissions', 'IncorrectInstanceStatus'])(
    'a write refused with %s (the caller must fix it) is sent once, and the pairing fails terminally',
    async (code) => {
      const emu = await cloud.start(exampleScenario(), {
        faults: { action: 'AuthorizeSecurityGroup', account: ACCOUNT_B_ID, failNext: { count: 1, code } },
      });

      const report = await run(exampleConfig(), runtimeFor(emu));

      expect(report.pairings.find((p) => p.name === 'app-db')).toMatchObject({
        status: 'Failed',
        reason: code,
        retryable: false,
      });
      expect(authorizeCallsInB().map((c) => c.code)).toEqual([code]);
      expect(ingressRules(emu, APP_DB_GROUP_B)).toEqual([]);
    },
  );
});
