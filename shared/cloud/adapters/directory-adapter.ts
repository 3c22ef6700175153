import ResourceManager, * as $Rm from '@alicloud/resourcemanager20200331';
import * as $dara from '@darabonba/typescript';
import type { DirectoryAccount, DirectoryPort } from '../port';
import { defaultChainCredential } from './default-chain-credential';
import type { Endpoint } from './endpoints';
import { sdkConfig } from './sdk-config';
import { fromSdkError } from './sdk-errors';
import type { BaseIdentity } from './sts-adapter';

/** ListAccounts / ListAccountsForParent take PageSize 1..100 (default 10). */
const PAGE_SIZE = 100;
/** A guard against a service that keeps answering full pages: 1,000 pages of 100 members. */
const MAX_PAGES = 1000;

type Member = {
  accountId?: string;
  displayName?: string;
  folderId?: string;
  status?: string;
  tags?: { tag?: { key?: string; value?: string }[] };
};

/**
 * The Resource Directory through `@alicloud/resourcemanager20200331` (RPC, version 2020-03-31, the
 * central endpoint resourcemanager.aliyuncs.com unless SG_PAIRING_RESOURCEMANAGER_ENDPOINT overrides
 * it), as the hub's base identity:
 * ListAccounts (https://www.alibabacloud.com/help/en/resource-management/developer-reference/api-resourcemanager-2020-03-31-listaccounts)
 * and ListAccountsForParent (https://www.alibabacloud.com/help/en/resource-management/developer-reference/api-resourcemanager-2020-03-31-listaccountsforparent),
 * every page (PageNumber from 1, PageSize 100), with the members' tags (IncludeTags).
 */
export class DirectoryAdapter implements DirectoryPort {
  private client?: ResourceManager;

  constructor(
    private readonly region: string,
    private readonly endpoint: Endpoint | undefined,
    private readonly identity: () => BaseIdentity,
  ) {}

  private rm(): ResourceManager {
    if (!this.client) {
      const identity = this.identity();
      const auth = identity.kind === 'static' ? identity.credentials : { credential: defaultChainCredential() };
      this.client = new ResourceManager(sdkConfig(this.region, this.endpoint, auth));
    }
    return this.client;
  }

  async listDirectoryAccounts(folderId?: string): Promise<DirectoryAccount[]> {
    const operation = folderId === undefined ? 'resourcemanager:ListAccounts' : 'resourcemanager:ListAccountsForParent';
    const found: DirectoryAccount[] = [];
    try {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const { members, total } = await this.listPage(folderId, page);
        found.push(...members.map(toDirectoryAccount));
        if (members.length < PAGE_SIZE || page * PAGE_SIZE >= total) break;
      }
    } catch (err) {
      throw fromSdkError(err, { operation });
    }
    return found;
  }

  private async listPage(folderId: string | undefined, page: number): Promise<{ members: Member[]; total: number }> {
    const runtime = new $dara.RuntimeOptions({});
    if (folderId === undefined) {
      const request = new $Rm.ListAccountsRequest({ pageNumber: page, pageSize: PAGE_SIZE, includeTags: true });
      const body = (await this.rm().listAccountsWithOptions(request, runtime)).body;
      return { members: body?.accounts?.account ?? [], total: body?.totalCount ?? 0 };
    }
    const request = new $Rm.ListAccountsForParentRequest({
      parentFolderId: folderId,
      pageNumber: page,
      pageSize: PAGE_SIZE,
      includeTags: true,
    });
    const body = (await this.rm().listAccountsForParentWithOptions(request, runtime)).body;
    return { members: body?.accounts?.account ?? [], total: body?.totalCount ?? 0 };
  }
}

function toDirectoryAccount(m: Member): DirectoryAccount {
  const tags: Record<string, string> = {};
  for (const t of m.tags?.tag ?? []) if (t.key !== undefined) tags[t.key] = t.value ?? '';
  return {
    accountId: m.accountId ?? '',
    displayName: m.displayName ?? '',
    folderId: m.folderId ?? '',
    status: m.status ?? '',
    tags,
  };
}
