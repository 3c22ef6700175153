// The emulator's OSS as the real ali-oss client sees it: V1 signatures verified, buckets per account,
// OSS's XML errors; and the control API that creates buckets and buses and reads a bus's events.
import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator';
import {
  ACCOUNT_A_CREDENTIALS,
  ACCOUNT_A_ID,
  assume,
  HUB_ACCOUNT_ID,
  HUB_CREDENTIALS,
  roleArnOf,
  SEED,
  startSeeded,
} from '../support/emulator-platform-fixture';

/** A role of the hub allowed the history's three actions under `hub-runs/sg/` only (what `sg-pairing iam` grants). */
const WRITER = {
  name: 'history-writer',
  trust: [HUB_ACCOUNT_ID],
  policy: {
    Version: '1' as const,
    Statement: [
      {
        Effect: 'Allow' as const,
        Action: ['oss:PutObject', 'oss:GetObject', 'oss:ListObjects'],
        Resource: [`acs:oss:*:${HUB_ACCOUNT_ID}:hub-runs/sg/*`],
      },
    ],
  },
};

let e: RunningEmulator;
beforeAll(async () => {
  const accounts = SEED.accounts.map((a) => (a.id === HUB_ACCOUNT_ID ? { ...a, roles: [...a.roles, WRITER] } : a));
  e = await startSeeded({ scenario: { ...SEED, accounts } });
  const post = (path: string, body: unknown) =>
    fetch(`${e.url}/_emulator${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect((await post('/oss/buckets', { account: HUB_ACCOUNT_ID, name: 'hub-runs' })).status).toBe(200);
  expect((await post('/oss/buckets', { account: ACCOUNT_A_ID, name: 'hub-runs' })).status).toBe(409);
  expect((await post('/eventbridge/buses', { account: HUB_ACCOUNT_ID, name: 'runs' })).status).toBe(200);
});
afterAll(() => e.close());

const client = (creds = HUB_CREDENTIALS, bucket = 'hub-runs') =>
  new OSS({ ...creds, bucket, endpoint: e.url, sldEnable: true, retryMax: 0 } as unknown as OSS.Options);

describe('emulator OSS', () => {
  it('PutObject, GetObject and ListObjectsV2 round-trip through ali-oss, V1-signed', async () => {
    await client().put('sg/runs/2026-12-04/r-1.json', Buffer.from('{"a":1}'), {
      headers: { 'Content-Type': 'application/json' },
    });
    await client().put('sg/latest.json', Buffer.from('{"a":1}'));

    const got = await client().get('sg/runs/2026-12-04/r-1.json');
    const listed = await client().listV2({ prefix: 'sg/runs/', 'max-keys': '1000' }, {});

    expect(got.content.toString()).toBe('{"a":1}');
    expect(listed.objects.map((o) => o.name)).toEqual(['sg/runs/2026-12-04/r-1.json']);
  });

  it('refuses a wrong secret (SignatureDoesNotMatch), another account (AccessDenied), an unknown bucket or key', async () => {
    const wrong = { ...HUB_CREDENTIALS, accessKeySecret: 'not-the-secret' };
    await expect(client(wrong).get('sg/latest.json')).rejects.toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    await expect(client(ACCOUNT_A_CREDENTIALS).get('sg/latest.json')).rejects.toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
    await expect(client(HUB_CREDENTIALS, 'no-such').get('k')).rejects.toMatchObject({
      status: 404,
      code: 'NoSuchBucket',
    });
    await expect(client().get('sg/none.json')).rejects.toMatchObject({ status: 404, code: 'NoSuchKey' });
    const raw = await fetch(`${e.url}/hub-runs/sg/latest.json`, { headers: { authorization: 'OSS x:y' } });
    expect(raw.headers.get('content-type')).toBe('application/xml');
    expect(await raw.text()).toMatch(/<Error>\n {2}<Code>InvalidAccessKeyId<\/Code>/);
  });

  it('RAM on a role session: oss actions allowed under the granted prefix only (AccessDenied elsewhere)', async () => {
    const session = await assume(e.url, HUB_CREDENTIALS, { roleArn: roleArnOf(HUB_ACCOUNT_ID, 'history-writer') });
    const writer = new OSS({
      accessKeyId: session.accessKeyId,
      accessKeySecret: session.accessKeySecret,
      stsToken: session.securityToken,
      refreshSTSToken: async () => ({ ...session, stsToken: session.securityToken }),
      bucket: 'hub-runs',
      endpoint: e.url,
      sldEnable: true,
      retryMax: 0,
    } as unknown as OSS.Options);

    await writer.put('sg/latest.json', Buffer.from('{}'));
    await expect(writer.put('elsewhere/latest.json', Buffer.from('{}'))).rejects.toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
    expect((await writer.listV2({ prefix: 'sg/runs/', 'max-keys': '10' }, {})).objects).toHaveLength(1);
    await expect(writer.listV2({ prefix: '', 'max-keys': '10' }, {})).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('the control API answers the events a bus received, and 404 for a bus that does not exist', async () => {
    const ok = await fetch(`${e.url}/_emulator/eventbridge/events?account=${HUB_ACCOUNT_ID}&bus=runs`);
    const missing = await fetch(`${e.url}/_emulator/eventbridge/events?account=${HUB_ACCOUNT_ID}&bus=other`);
    expect([ok.status, await ok.json(), missing.status]).toEqual([200, [], 404]);
  });
});
