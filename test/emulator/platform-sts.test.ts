import * as $Sts from '@alicloud/sts20150401';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator, ScenarioInput } from '../../emulator';
import { sdkError, stsClient, type Creds } from '../support/clients';
import {
  A,
  aCreds,
  assume,
  B,
  bCreds,
  HUB,
  hubCreds,
  roleArn,
  SEED,
  startSeeded,
  visibleGroups,
} from '../support/emulator-platform-fixture';

// The seed world plus roles exercising ExternalId, a longer maximum session and role chaining.
const scenario: ScenarioInput = {
  ...SEED,
  accounts: SEED.accounts.map((a) => {
    if (a.id === A)
      return {
        ...a,
        roles: [
          ...a.roles,
          { name: 'Ext-Role', trust: [HUB], externalId: 'pairing-prod-7f3c' },
          { name: 'long', trust: [HUB], maxSessionDuration: 7200 },
        ],
      };
    if (a.id === B) return { ...a, roles: [...a.roles, { name: 'chain', trust: [A], maxSessionDuration: 7200 }] };
    return a;
  }),
};

const attempt = (url: string, caller: Creds, req: Partial<$Sts.AssumeRoleRequest>) =>
  sdkError(
    stsClient(url, caller).assumeRole(
      new $Sts.AssumeRoleRequest({ roleArn: roleArn(A), roleSessionName: 'sg-pairing', ...req }),
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
    const r = await stsClient(e.url, hubCreds).assumeRole(
      new $Sts.AssumeRoleRequest({ roleArn: roleArn(A), roleSessionName: 'pairing.run-1', durationSeconds: 1800 }),
    );
    const { assumedRoleUser, credentials } = r.body!;
    expect(assumedRoleUser!.arn).toBe(`acs:ram::${A}:role/sg-pairing/pairing.run-1`);
    expect(assumedRoleUser!.assumedRoleId).toMatch(/^\d{17}:pairing\.run-1$/);
    expect(credentials!.accessKeyId).toMatch(/^STS\.[A-Za-z0-9]{24}$/);
    expect(credentials!.accessKeySecret!.length).toBeGreaterThan(20);
    expect(credentials!.securityToken!.length).toBeGreaterThan(20);
    expect(credentials!.expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const lifetime = Date.parse(credentials!.expiration!) - before;
    expect(lifetime).toBeGreaterThan(1_798_000);
    expect(lifetime).toBeLessThanOrEqual(1_801_000);
    const session = e.emulator.world.sessions.get(credentials!.accessKeyId!);
    expect(session).toMatchObject({ account: A, roleArn: roleArn(A), sessionName: 'pairing.run-1' });
  });

  it('lets the temporary credentials act in the target account only', async () => {
    const creds = await assume(e.url, hubCreds, { roleArn: roleArn(A) });
    expect(await visibleGroups(e.url, creds)).toEqual(['sg-a1', 'sg-a2', 'sg-bp1azkttqpldxgte0001']);
  });

  it('matches the role name case-insensitively', async () => {
    const creds = await assume(e.url, hubCreds, { roleArn: `acs:ram::${A}:role/SG-Pairing` });
    expect(creds.arn).toBe(`acs:ram::${A}:role/sg-pairing/test-session`);
  });

  it.each([
    ['not an ARN', 'sg-pairing'],
    ['a user ARN', `acs:ram::${A}:user/alice`],
    ['no account', 'acs:ram:::role/sg-pairing'],
  ])('refuses a RoleArn that is %s: InvalidParameter.RoleArn', async (_name, arn) => {
    const err = await attempt(e.url, hubCreds, { roleArn: arn });
    expect([err.code, err.statusCode]).toEqual(['InvalidParameter.RoleArn', 400]);
  });

  it.each([
    ['a role the account does not have', roleArn(A, 'nope')],
    ['an account the emulator does not know', roleArn('9999999999999999')],
  ])('refuses %s: EntityNotExist.Role', async (_name, arn) => {
    const err = await attempt(e.url, hubCreds, { roleArn: arn });
    expect([err.code, err.statusCode]).toEqual(['EntityNotExist.Role', 404]);
  });

  it("refuses a caller whose account the role's trust does not list: NoPermission", async () => {
    const err = await attempt(e.url, bCreds, { roleArn: roleArn(A) });
    expect([err.code, err.statusCode]).toEqual(['NoPermission', 403]);
  });

  it('requires the ExternalId the role names: missing or wrong is NoPermission', async () => {
    const missing = await attempt(e.url, hubCreds, { roleArn: roleArn(A, 'ext-role') });
    const wrong = await attempt(e.url, hubCreds, { roleArn: roleArn(A, 'ext-role'), externalId: 'pairing-prod-0000' });
    const ok = await assume(e.url, hubCreds, { roleArn: roleArn(A, 'ext-role'), externalId: 'pairing-prod-7f3c' });
    expect([missing.code, missing.statusCode, wrong.code, wrong.statusCode]).toEqual([
      'NoPermission',
      403,
      'NoPermission',
      403,
    ]);
    expect(ok.accessKeyId).toMatch(/^STS\./);
  });

  it('refuses a malformed ExternalId: InvalidParameter.ExternalId', async () => {
    const err = await attempt(e.url, hubCreds, { externalId: 'x' });
    expect(err.code).toBe('InvalidParameter.ExternalId');
  });

  it.each([['x'], ['a'.repeat(65)], ['has space'], ['semi;colon']])(
    'refuses RoleSessionName %j: InvalidParameter.RoleSessionName',
    async (name) => {
      const err = await attempt(e.url, hubCreds, { roleSessionName: name });
      expect([err.code, err.statusCode]).toEqual(['InvalidParameter.RoleSessionName', 400]);
    },
  );

  it('accepts RoleSessionName of 2 and of 64 characters of [\\w.@-]', async () => {
    await assume(e.url, hubCreds, { roleArn: roleArn(A), roleSessionName: 'ab' });
    await assume(e.url, hubCreds, { roleArn: roleArn(A), roleSessionName: `a.b@c-d_${'e'.repeat(56)}` });
  });

  it.each([[899], [3601]])(
    'refuses DurationSeconds %i for a role with the default maximum: InvalidParameter.DurationSeconds',
    async (durationSeconds) => {
      const err = await attempt(e.url, hubCreds, { durationSeconds });
      expect([err.code, err.statusCode]).toEqual(['InvalidParameter.DurationSeconds', 400]);
    },
  );

  it("honours the role's maxSessionDuration", async () => {
    const creds = await assume(e.url, hubCreds, { roleArn: roleArn(A, 'long'), durationSeconds: 7200 });
    const err = await attempt(e.url, hubCreds, { roleArn: roleArn(A, 'long'), durationSeconds: 7201 });
    expect(Date.parse(creds.expiration) - Date.now()).toBeGreaterThan(7_190_000);
    expect(err.code).toBe('InvalidParameter.DurationSeconds');
  });

  it('chains roles: an STS session may assume a role trusting its account, for at most an hour', async () => {
    const inA = await assume(e.url, hubCreds, { roleArn: roleArn(A) });
    const inB = await assume(e.url, inA, { roleArn: roleArn(B, 'chain'), durationSeconds: 3600 });
    const tooLong = await attempt(e.url, inA, { roleArn: roleArn(B, 'chain'), durationSeconds: 3601 });
    const hubNotTrusted = await attempt(e.url, hubCreds, { roleArn: roleArn(B, 'chain') });
    expect(await visibleGroups(e.url, inB)).toEqual(['sg-bp15ed6xe1yxeycg0002']);
    expect([tooLong.code, hubNotTrusted.code]).toEqual(['InvalidParameter.DurationSeconds', 'NoPermission']);
  });

  it('refuses a session Policy that is not a policy document: InvalidParameter.PolicyGrammar', async () => {
    const err = await attempt(e.url, hubCreds, { policy: '{not json' });
    expect(err.code).toBe('InvalidParameter.PolicyGrammar');
  });

  it('refuses a call without RoleArn: MissingParameter', async () => {
    const err = await sdkError(
      stsClient(e.url, aCreds).assumeRole(new $Sts.AssumeRoleRequest({ roleSessionName: 'x1' })),
    );
    expect([err.code, err.statusCode]).toEqual(['MissingParameter', 400]);
  });
});
