import ResourceManager, * as $Rm from '@alicloud/resourcemanager20200331';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError, type Creds } from '../support/clients';
import { REGION, WorldBuilder } from '../support/world-builder';

// Resource Manager 2020-03-31 ListAccounts / ListAccountsForParent through the real
// @alicloud/resourcemanager20200331 client (RPC, ACS3 signature), and the control API that sets the
// directory and joins members:
// https://www.alibabacloud.com/help/en/resource-management/developer-reference/api-resourcemanager-2020-03-31-listaccounts

const MANAGER = '1000000000000009';
const ADMIN = '1000000000000008';
const PLAIN = '1000000000000007';
const OUTSIDER = '1000000000000006';
const FOLDER = 'fd-prodfold01';
const OTHER = 'fd-devfolder1';

let emu: RunningEmulator;
const keys: Record<string, Creds> = {};

const rm = (id: string) => {
  const u = new URL(emu.url);
  return new ResourceManager(
    new $OpenApiUtil.Config({ ...keys[id], endpoint: u.host, protocol: 'http', regionId: REGION, readTimeout: 10_000 }),
  );
};
const post = async (path: string, body: unknown) =>
  fetch(`${emu.url}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
const memberIds = (res: { body?: { accounts?: { account?: { accountId?: string }[] } } }) =>
  res.body?.accounts?.account?.map((a) => a.accountId) ?? [];

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  const w = new WorldBuilder(emu.emulator.world);
  for (const id of [MANAGER, ADMIN, PLAIN, OUTSIDER]) keys[id] = w.account(id);
  const members = Array.from({ length: 12 }, (_, n) => ({
    accountId: `20000000000000${String(n).padStart(2, '0')}`,
    folderId: n < 10 ? FOLDER : OTHER,
    ...(n === 3 ? { status: 'InviteSuccess', tags: { env: 'prod' } } : {}),
  }));
  const res = await post('directory', {
    managementAccountId: MANAGER,
    delegatedAdmins: [ADMIN],
    folders: [
      { id: FOLDER, name: 'prod' },
      { id: OTHER, name: 'dev' },
    ],
    members: [...members, { accountId: ADMIN, folderId: OTHER }, { accountId: PLAIN, folderId: OTHER }],
  });
  expect(res.status).toBe(200);
});
afterAll(() => emu?.close());

describe('ListAccounts', () => {
  it('pages through every member as the management account (PageSize 5: 3 pages of 14)', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((n) => rm(MANAGER).listAccounts(new $Rm.ListAccountsRequest({ pageNumber: n, pageSize: 5 }))),
    );
    expect(pages.map((p) => p.body?.totalCount)).toEqual([14, 14, 14]);
    expect(pages.map((p) => memberIds(p).length)).toEqual([5, 5, 4]);
    expect(new Set(pages.flatMap(memberIds)).size).toBe(14);
  });

  it('answers a delegated administrator, with each status and, asked, the tags', async () => {
    const res = await rm(ADMIN).listAccounts(new $Rm.ListAccountsRequest({ pageSize: 100, includeTags: true }));
    const invited = res.body?.accounts?.account?.find((a) => a.accountId === '2000000000000003');
    expect(invited).toMatchObject({ status: 'InviteSuccess', type: 'CloudAccount', folderId: FOLDER });
    expect(invited?.tags?.tag).toEqual([expect.objectContaining({ key: 'env', value: 'prod' })]);
    expect(res.body?.accounts?.account?.find((a) => a.accountId === '2000000000000000')?.status).toBe('CreateSuccess');
  });

  it('refuses a member that is neither the management account nor a delegated administrator', async () => {
    const err = await sdkError(rm(PLAIN).listAccounts(new $Rm.ListAccountsRequest({})));
    expect(err).toMatchObject({ code: 'NoPermission', statusCode: 403 });
  });

  it('answers EntityNotExists.ResourceDirectory to an account in no directory', async () => {
    const err = await sdkError(rm(OUTSIDER).listAccounts(new $Rm.ListAccountsRequest({})));
    expect(err).toMatchObject({ code: 'EntityNotExists.ResourceDirectory', statusCode: 404 });
  });
});

describe('ListAccountsForParent', () => {
  it("lists one folder's direct members", async () => {
    const res = await rm(MANAGER).listAccountsForParent(
      new $Rm.ListAccountsForParentRequest({ parentFolderId: OTHER, pageSize: 100 }),
    );
    expect(memberIds(res).sort()).toEqual(['2000000000000010', '2000000000000011', PLAIN, ADMIN].sort());
  });

  it('an unknown folder is EntityNotExists.Folder (404); a malformed id InvalidParameter.ParentFolderId', async () => {
    const unknown = await sdkError(
      rm(MANAGER).listAccountsForParent(new $Rm.ListAccountsForParentRequest({ parentFolderId: 'fd-nosuchfld1' })),
    );
    expect(unknown).toMatchObject({ code: 'EntityNotExists.Folder', statusCode: 404 });
    const malformed = await sdkError(
      rm(MANAGER).listAccountsForParent(new $Rm.ListAccountsForParentRequest({ parentFolderId: 'folder-1' })),
    );
    expect(malformed).toMatchObject({ code: 'InvalidParameter.ParentFolderId', statusCode: 400 });
  });

  it('an account joined through the control API is listed from then on; a join into no folder is refused', async () => {
    expect((await post('directory/members', { accountId: OUTSIDER, folderId: 'fd-nosuchfld1' })).status).toBe(400);
    expect((await post('directory/members', { accountId: OUTSIDER, folderId: FOLDER })).status).toBe(200);
    const res = await rm(MANAGER).listAccountsForParent(
      new $Rm.ListAccountsForParentRequest({ parentFolderId: FOLDER, pageSize: 100 }),
    );
    expect(memberIds(res)).toHaveLength(11);
    expect(memberIds(res).at(-1)).toBe(OUTSIDER);
  });
});
