import * as $Sts from '@alicloud/sts20150401';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator, ScenarioInput } from '../../emulator';
import { sdkError, stsClient, type Creds } from '../support/clients';
import {
  ACCOUNT_A_ID,
  ACCOUNT_A_CREDENTIALS,
  assume,
  ACCOUNT_B_ID,
  ACCOUNT_B_CREDENTIALS,
  HUB_ACCOUNT_ID,
  HUB_CREDENTIALS,
  roleArnOf,
  SEED,
  startSeeded,
  visibleGroups,
} from '../support/emulator-platform-fixture';

// The seed world plus roles exercising ExternalId, a longer maximum session and role chaining.
const scenario: ScenarioInput = {
  ...SEED,
  accounts: SEED.accounts.map((a) => {
    if (a.id === ACCOUNT_A_ID)
      return {
        ...a,
        roles: [
          ...a.roles,
          { name: 'Ext-Role', trust: [HUB_ACCOUNT_ID], externalId: 'pairing-prod-7f3c' },
          { name: 'long', trust: [HUB_ACCOUNT_ID], maxSessionDuration: 7200 },
        ],
      };
    if (a.id === ACCOUNT_B_ID)
      return { ...a, roles: [...a.roles, { name: 'chain', trust: [ACCOUNT_A_ID], maxSessionDuration: 7200 }] };
    return a;
  }),
};

const attempt = (url: string, caller: Creds, req: Partial<$Sts.AssumeRoleRequest>) =>
  sdkError(
    stsClient(url, caller).assumeRole(
      new $Sts.AssumeRoleRequest({ roleArn: roleArnOf(ACCOUNT_A_ID), roleSessionName: 'sg-pairing', ...req }),
    ),
  );

describe('emulator platform: STS AssumeRole', () => {
  let e: RunningEmulator;
  beforeAll(async () => {
    e = await startSeeded({ scenario });
  });
  afterAll(() => e.close());

  it('issues STS credentials bound to the target account, in the documented shape', async () => {
    const before = Date.now();
    const r = await stsClient(e.url, HUB_CREDENTIALS).assumeRole(
      new $Sts.AssumeRoleRequest({
        roleArn: roleArnOf(ACCOUNT_A_ID),
        roleSessionName: 'pairing.run-1',
        durationSeconds: 1800,
      }),
    );
    const { assumedRoleUser, credentials } = r.body!;
    expect(assumedRoleUser!.arn).toBe(`acs:ram::${ACCOUNT_A_ID}:role/sg-pairing/pairing.run-1`);
    expect(assumedRoleUser!.assumedRoleId).toMatch(/^\d{17}:pairing\.run-1$/);
    expect(credentials!.accessKeyId).toMatch(/^STS\.[A-Za-z0-9]{24}$/);
    expect(credentials!.accessKeySecret!.length).toBeGreaterThan(20);
    expect(credentials!.securityToken!.length).toBeGreaterThan(20);
    expect(credentials!.expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const lifetime = Date.parse(credentials!.expiration!) - before;
    expect(lifetime).toBeGreaterThan(1_798_000);
    expect(lifetime).toBeLessThanOrEqual(1_801_000);
    const session = e.emulator.world.sessions.get(credentials!.accessKeyId!);
    expect(session).toMatchObject({
      account: ACCOUNT_A_ID,
      roleArn: roleArnOf(ACCOUNT_A_ID),
      sessionName: 'pairing.run-1',
    });
  });

  it('lets the temporary credentials act in the target account only', async () => {
    const creds = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID) });
    expect(await visibleGroups(e.url, creds)).toEqual(['sg-a1', 'sg-a2', 'sg-bp1azkttqpldxgte0001']);
  });

  it('matches the role name case-insensitively', async () => {
    const creds = await assume(e.url, HUB_CREDENTIALS, { roleArn: `acs:ram::${ACCOUNT_A_ID}:role/SG-Pairing` });
    expect(creds.arn).toBe(`acs:ram::${ACCOUNT_A_ID}:role/sg-pairing/test-session`);
  });

  it.each([
    ['not an ARN', 'sg-pairing'],
    ['a user ARN', `acs:ram::${ACCOUNT_A_ID}:user/alice`],
    ['no account', 'acs:ram:::role/sg-pairing'],
  ])('refuses a RoleArn that is %s: InvalidParameter.RoleArn', async (_name, arn) => {
    const err = await attempt(e.url, HUB_CREDENTIALS, { roleArn: arn });
    expect([err.code, err.statusCode]).toEqual(['InvalidParameter.RoleArn', 400]);
  });

  it.each([
    ['a role the account does not have', roleArnOf(ACCOUNT_A_ID, 'nope')],
    ['an account the emulator does not know', roleArnOf('9999999999999999')],
  ])('refuses %s: EntityNotExist.Role', async (_name, arn) => {
    const err = await attempt(e.url, HUB_CREDENTIALS, { roleArn: arn });
    expect([err.code, err.statusCode]).toEqual(['EntityNotExist.Role', 404]);
  });

  it("refuses a caller whose account the role's trust does not list: NoPermission", async () => {
    const err = await attempt(e.url, ACCOUNT_B_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID) });
    expect([err.code, err.statusCode]).toEqual(['NoPermission', 403]);
  });

  it('requires the ExternalId the role names: missing or wrong is NoPermission', async () => {
    const missing = await attempt(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID, 'ext-role') });
    const wrong = await attempt(e.url, HUB_CREDENTIALS, {
      roleArn: roleArnOf(ACCOUNT_A_ID, 'ext-role'),
      externalId: 'pairing-prod-0000',
    });
    const ok = await assume(e.url, HUB_CREDENTIALS, {
      roleArn: roleArnOf(ACCOUNT_A_ID, 'ext-role'),
      externalId: 'pairing-prod-7f3c',
    });
    expect([missing.code, missing.statusCode, wrong.code, wrong.statusCode]).toEqual([
      'NoPermission',
      403,
      'NoPermission',
      403,
    ]);
    expect(ok.accessKeyId).toMatch(/^STS\./);
  });

  it('refuses a malformed ExternalId: InvalidParameter.ExternalId', async () => {
    const err = await attempt(e.url, HUB_CREDENTIALS, { externalId: 'x' });
    expect(err.code).toBe('InvalidParameter.ExternalId');
  });

  it.each([['x'], ['a'.repeat(65)], ['has space'], ['semi;colon']])(
    'refuses RoleSessionName %j: InvalidParameter.RoleSessionName',
    async (name) => {
      const err = await attempt(e.url, HUB_CREDENTIALS, { roleSessionName: name });
      expect([err.code, err.statusCode]).toEqual(['InvalidParameter.RoleSessionName', 400]);
    },
  );

  it('accepts RoleSessionName of 2 and of 64 characters of [\\w.@-]', async () => {
    await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID), roleSessionName: 'ab' });
    await assume(e.url, HUB_CREDENTIALS, {
      roleArn: roleArnOf(ACCOUNT_A_ID),
      roleSessionName: `a.b@c-d_${'e'.repeat(56)}`,
    });
  });

  it.each([[899], [3601]])(
    'refuses DurationSeconds %i for a role with the default maximum: InvalidParameter.DurationSeconds',
    async (durationSeconds) => {
      const err = await attempt(e.url, HUB_CREDENTIALS, { durationSeconds });
      expect([err.code, err.statusCode]).toEqual(['InvalidParameter.DurationSeconds', 400]);
    },
  );

  it("honours the role's maxSessionDuration", async () => {
    const creds = await assume(e.url, HUB_CREDENTIALS, {
      roleArn: roleArnOf(ACCOUNT_A_ID, 'long'),
      durationSeconds: 7200,
    });
    const err = await attempt(e.url, HUB_CREDENTIALS, {
      roleArn: roleArnOf(ACCOUNT_A_ID, 'long'),
      durationSeconds: 7201,
    });
    expect(Date.parse(creds.expiration) - Date.now()).toBeGreaterThan(7_190_000);
    expect(err.code).toBe('InvalidParameter.DurationSeconds');
  });

  it('chains roles: an STS session may assume a role trusting its account, for at most an hour', async () => {
    const inA = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID) });
    const inB = await assume(e.url, inA, { roleArn: roleArnOf(ACCOUNT_B_ID, 'chain'), durationSeconds: 3600 });
    const tooLong = await attempt(e.url, inA, { roleArn: roleArnOf(ACCOUNT_B_ID, 'chain'), durationSeconds: 3601 });
    const hubNotTrusted = await attempt(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_B_ID, 'chain') });
    expect(await visibleGroups(e.url, inB)).toEqual(['sg-bp15ed6xe1yxeycg0002']);
    expect([tooLong.code, hubNotTrusted.code]).toEqual(['InvalidParameter.DurationSeconds', 'NoPermission']);
  });

  it('refuses a session Policy that is not a policy document: InvalidParameter.PolicyGrammar', async () => {
    const err = await attempt(e.url, HUB_CREDENTIALS, { policy: '{not json' });
    expect(err.code).toBe('InvalidParameter.PolicyGrammar');
  });

  it('refuses a call without RoleArn: MissingParameter', async () => {
    const err = await sdkError(
      stsClient(e.url, ACCOUNT_A_CREDENTIALS).assumeRole(new $Sts.AssumeRoleRequest({ roleSessionName: 'x1' })),
    );
    expect([err.code, err.statusCode]).toEqual(['MissingParameter', 400]);
  });
});
