import { describe, expect, it } from 'vitest';
import { ACCOUNT_B_ID } from '../support/identities';
import { exampleConfig, exampleScenario, ingressRules, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

const cloud = useEmulator();

const REFERENCE_WAY_OUT = /use strategy addresses or cidr/;
const RULES_WAY_OUT = /free rules in the group, split the pairing, or use strategy cidr/;

/**
 * Writes the plan let through but the cloud refuses for a quota or an enterprise group (issue 12,
 * item 7): the pairing fails with the cloud's code, and its message names the way out whatever the
 * code, since the error tables changed their codes and list two for the enterprise case.
 */
describe('a write refused for a quota or an enterprise group', () => {
  it('under the other reading of the reference limit (the cloud refuses, the plan did not): the way out is named', async () => {
    const scenario = { ...(exampleScenario() as object), limits: { maxGroupReferences: 0 } };
    const emu = await cloud.start(scenario);

    const report = await run(exampleConfig(), runtimeFor(emu));

    expect(report.pairings).toEqual([
      expect.objectContaining({
        name: 'app-db',
        status: 'Failed',
        reason: 'AuthorizedGroupRule.LimitExceed',
        message: expect.stringMatching(REFERENCE_WAY_OUT),
        retryable: false,
      }),
      expect.objectContaining({ name: 'web-pair', status: 'Changed' }),
    ]);
    expect(ingressRules(emu, 'sg-bp15ed6xe1yxeycg0002')).toEqual([]);
  });

  it.each([
    ['AuthorizedGroupRule.LimitExceed', REFERENCE_WAY_OUT],
    ['InvalidGroupAuthParameter.OperationDenied', REFERENCE_WAY_OUT],
    ['InvalidGroupParameter.OperationDenied', REFERENCE_WAY_OUT],
    ['AuthorizationLimitExceed', RULES_WAY_OUT],
  ])('refused with %s: the pairing fails with that code and a message naming the way out', async (code, wayOut) => {
    const failNext = { count: 1, code };
    const emu = await cloud.start(exampleScenario(), {
      faults: { action: 'AuthorizeSecurityGroup', account: ACCOUNT_B_ID, failNext },
    });

    const report = await run(exampleConfig(), runtimeFor(emu));

    const appDb = report.pairings.find((p) => p.name === 'app-db');
    expect(appDb).toMatchObject({ status: 'Failed', reason: code, message: expect.stringMatching(wayOut) });
    expect(report.changes.filter((c) => c.status === 'failed')).toEqual([
      expect.objectContaining({ accountId: ACCOUNT_B_ID, code, message: expect.stringMatching(wayOut) }),
    ]);
  });
});
