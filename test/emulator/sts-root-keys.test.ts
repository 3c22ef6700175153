import * as $Sts from '@alicloud/sts20150401';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator, ScenarioInput } from '../../emulator';
import { sdkError, stsClient, type Creds } from '../support/clients';
import {
  ACCOUNT_A_ID,
  assume,
  HUB_ACCOUNT_ID,
  HUB_CREDENTIALS,
  roleArnOf,
  SEED,
  startSeeded,
  visibleGroups,
} from '../support/emulator-platform-fixture';

// An account's own (root) AccessKey cannot assume roles; a RAM user's key (the scenario default) can.

const HUB_ROOT: Creds = { accessKeyId: 'LTAIhubRootKey', accessKeySecret: 'hub-root-secret' };
const scenario: ScenarioInput = {
  ...SEED,
  accounts: SEED.accounts.map((a) =>
    a.id === HUB_ACCOUNT_ID
      ? {
          ...a,
          accessKeys: [
            ...(a.accessKeys ?? []),
            { id: HUB_ROOT.accessKeyId, secret: HUB_ROOT.accessKeySecret, kind: 'root' },
          ],
        }
      : a,
  ),
};

describe('emulator: root-account keys and AssumeRole', () => {
  let e: RunningEmulator;
  beforeAll(async () => {
    e = await startSeeded({ scenario });
  });
  afterAll(() => e.close());

  it('refuses AssumeRole signed with a root key: NoPermission 403, "Roles may not be assumed by root accounts."', async () => {
    const err = await sdkError(
      stsClient(e.url, HUB_ROOT).assumeRole(
        new $Sts.AssumeRoleRequest({ roleArn: roleArnOf(ACCOUNT_A_ID), roleSessionName: 'sg-pairing' }),
      ),
    );

    expect([err.code, err.statusCode]).toEqual(['NoPermission', 403]);
    expect(err.message).toContain('Roles may not be assumed by root accounts.');
  });

  it("the same account's RAM-user key (the default kind) assumes the role", async () => {
    const session = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID) });

    expect(session.arn).toBe(`acs:ram::${ACCOUNT_A_ID}:role/sg-pairing/test-session`);
  });

  it('the control API names the root keys (ids only)', async () => {
    const state = (await (await fetch(`${e.url}/_emulator/state`)).json()) as {
      accounts: { id: string; accessKeyIds: string[]; rootAccessKeyIds?: string[] }[];
    };

    const hub = state.accounts.find((a) => a.id === HUB_ACCOUNT_ID);
    expect(hub).toMatchObject({
      accessKeyIds: [HUB_CREDENTIALS.accessKeyId, HUB_ROOT.accessKeyId],
      rootAccessKeyIds: [HUB_ROOT.accessKeyId],
    });
    expect(state.accounts.filter((a) => a.rootAccessKeyIds).map((a) => a.id)).toEqual([HUB_ACCOUNT_ID]);
    expect(JSON.stringify(state)).not.toContain(HUB_ROOT.accessKeySecret);
  });

  it('a root key still acts in its own account (only AssumeRole is refused)', async () => {
    expect(await visibleGroups(e.url, HUB_ROOT)).toEqual(await visibleGroups(e.url, HUB_CREDENTIALS));
  });
});
