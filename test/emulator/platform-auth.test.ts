import Ecs, * as $Ecs from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator';
import { sdkError } from '../support/clients';
import {
  ACCOUNT_A_ID,
  ACCOUNT_A_CREDENTIALS,
  assume,
  ACCOUNT_B_ID,
  ACCOUNT_B_CREDENTIALS,
  describeGroup,
  HUB_CREDENTIALS,
  roleArnOf,
  signedEcsRequest,
  startSeeded,
  visibleGroups,
} from '../support/emulator-platform-fixture';

// Every request is signed by the real SDK (or, for tampering and replay, by the emulator's
// client-side signer and sent raw); the emulator verifies it before any handler runs.

describe('emulator platform: signatures and credentials', () => {
  let now = Date.now();
  let wallSkew = 0;
  let e: RunningEmulator;
  beforeEach(async () => {
    now = Date.now();
    wallSkew = 0;
    e = await startSeeded({ clock: () => now, wallClock: () => Date.now() + wallSkew });
  });
  afterEach(() => e.close());

  it('accepts a long-lived key and acts in its own account', async () => {
    expect(await visibleGroups(e.url, ACCOUNT_A_CREDENTIALS)).toEqual(['sg-a1', 'sg-a2', 'sg-bp1azkttqpldxgte0001']);
    expect(await visibleGroups(e.url, ACCOUNT_B_CREDENTIALS)).toEqual(['sg-bp15ed6xe1yxeycg0002']);
  });

  it('refuses a request signed with the wrong secret: SignatureDoesNotMatch', async () => {
    const err = await sdkError(describeGroup(e.url, { ...ACCOUNT_A_CREDENTIALS, accessKeySecret: 'not-the-secret' }));
    expect([err.code, err.statusCode]).toEqual(['SignatureDoesNotMatch', 400]);
  });

  it('refuses a request whose query was changed after signing: SignatureDoesNotMatch', async () => {
    const query = { RegionId: 'cn-qingdao', SecurityGroupId: 'sg-a1' };
    const signed = signedEcsRequest(e.url, ACCOUNT_A_CREDENTIALS, 'DescribeSecurityGroupAttribute', query);
    const tampered = await signed.send({ ...query, SecurityGroupId: 'sg-a2' });
    const intact = await signedEcsRequest(e.url, ACCOUNT_A_CREDENTIALS, 'DescribeSecurityGroupAttribute', query).send();
    expect([tampered.status, JSON.parse(tampered.body).Code, intact.status]).toEqual([
      400,
      'SignatureDoesNotMatch',
      200,
    ]);
  });

  it('refuses a replayed request: SignatureNonceUsed', async () => {
    const signed = signedEcsRequest(e.url, ACCOUNT_A_CREDENTIALS, 'DescribeSecurityGroupAttribute', {
      RegionId: 'cn-qingdao',
      SecurityGroupId: 'sg-a1',
    });
    const first = await signed.send();
    const replay = await signed.send();
    expect([first.status, replay.status, JSON.parse(replay.body).Code]).toEqual([200, 400, 'SignatureNonceUsed']);
  });

  it('refuses an unknown access key: InvalidAccessKeyId.NotFound', async () => {
    const err = await sdkError(describeGroup(e.url, { accessKeyId: 'LTAIunknown', accessKeySecret: 'x' }));
    expect([err.code, err.statusCode]).toEqual(['InvalidAccessKeyId.NotFound', 404]);
  });

  it('refuses a client clock more than 15 minutes off: InvalidTimeStamp.Expired', async () => {
    wallSkew = 20 * 60_000;
    const err = await sdkError(describeGroup(e.url, ACCOUNT_A_CREDENTIALS));
    expect([err.code, err.statusCode]).toEqual(['InvalidTimeStamp.Expired', 400]);
  });

  it('does not mistake a moved cloud clock for client clock skew', async () => {
    now = Date.now() + 2 * 3600_000;
    expect(await visibleGroups(e.url, ACCOUNT_A_CREDENTIALS)).toHaveLength(3);
  });

  it('accepts the v1 (HMAC-SHA1, signatureAlgorithm v2) signature too', async () => {
    const u = new URL(e.url);
    const ecs = new Ecs(
      new $OpenApiUtil.Config({
        ...ACCOUNT_A_CREDENTIALS,
        endpoint: u.host,
        protocol: 'http',
        regionId: 'cn-qingdao',
        signatureAlgorithm: 'v2',
      }),
    );
    const r = await ecs.describeSecurityGroupAttribute(
      new $Ecs.DescribeSecurityGroupAttributeRequest({ regionId: 'cn-qingdao', securityGroupId: 'sg-a1' }),
    );
    expect(r.body?.securityGroupId).toBe('sg-a1');
    expect(e.emulator.calls.records.at(-1)?.params).toEqual({ RegionId: 'cn-qingdao', SecurityGroupId: 'sg-a1' });
  });

  describe('temporary (STS) credentials', () => {
    it('act in the target account of the role', async () => {
      const creds = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_B_ID) });
      expect(await visibleGroups(e.url, creds)).toEqual(['sg-bp15ed6xe1yxeycg0002']);
    });

    it('refuse a forged token: InvalidSecurityToken.Malformed', async () => {
      const creds = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID) });
      const err = await sdkError(describeGroup(e.url, { ...creds, securityToken: 'CAISforged' }));
      expect([err.code, err.statusCode]).toEqual(['InvalidSecurityToken.Malformed', 400]);
    });

    it("refuse another session's token: InvalidSecurityToken.MismatchWithAccessKey", async () => {
      const one = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID), roleSessionName: 'one' });
      const two = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID), roleSessionName: 'two' });
      const err = await sdkError(describeGroup(e.url, { ...one, securityToken: two.securityToken }));
      expect([err.code, err.statusCode]).toEqual(['InvalidSecurityToken.MismatchWithAccessKey', 400]);
    });

    it('refuse an STS key sent without its token: MissingSecurityToken', async () => {
      const creds = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID) });
      const err = await sdkError(
        describeGroup(e.url, { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret }),
      );
      expect([err.code, err.statusCode]).toEqual(['MissingSecurityToken', 400]);
    });

    it('stop working at their Expiration: InvalidSecurityToken.Expired; a new AssumeRole works', async () => {
      const creds = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID), durationSeconds: 900 });
      now += 899_000;
      await describeGroup(e.url, creds);
      now += 1_000;
      const err = await sdkError(describeGroup(e.url, creds));
      const fresh = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID), durationSeconds: 900 });
      expect([err.code, err.statusCode]).toEqual(['InvalidSecurityToken.Expired', 400]);
      expect((await describeGroup(e.url, fresh)).body?.securityGroupId).toBe('sg-a1');
    });

    it('refuse a token sent with a long-lived key', async () => {
      const creds = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(ACCOUNT_A_ID) });
      const err = await sdkError(
        describeGroup(e.url, { ...ACCOUNT_A_CREDENTIALS, securityToken: creds.securityToken }),
      );
      expect(err.code).toBe('InvalidSecurityToken.Malformed');
    });
  });
});
