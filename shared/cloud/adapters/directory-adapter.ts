import { ListAccountsForParentRequest } from '@alicloud/resourcemanager20200331/dist/models/ListAccountsForParentRequest';
import { ListAccountsForParentResponse } from '@alicloud/resourcemanager20200331/dist/models/ListAccountsForParentResponse';
import { ListAccountsRequest } from '@alicloud/resourcemanager20200331/dist/models/ListAccountsRequest';
import { ListAccountsResponse } from '@alicloud/resourcemanager20200331/dist/models/ListAccountsResponse';
import type { DirectoryAccount, DirectoryPort } from '../port';
import { defaultChainCredential } from './default-chain-credential';
import { EcsRpc, type RpcService } from './ecs-rpc';
import type { Endpoint } from './endpoints';
import { sdkConfig } from './sdk-config';
import type { BaseIdentity } from './sts-adapter';

/** Resource Manager 2020-03-31: the package's client uses the central endpoint (`_endpointRule = "central"`). */
const RESOURCE_MANAGER: RpcService = { product: 'resourcemanager', version: '2020-03-31', endpointMap: {} };
const CENTRAL_HOST = 'resourcemanager.aliyuncs.com';

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
 * The Resource Directory through `@alicloud/resourcemanager20200331`'s request and response models
 * over openapi-core (see ecs-rpc.ts: the package's client class loads ~1,000 models, ~1 s of cold
 * start on a busy machine, for two calls; the wire is the client's own: RPC, version 2020-03-31, the
 * central endpoint resourcemanager.aliyuncs.com unless SG_PAIRING_RESOURCEMANAGER_ENDPOINT overrides
 * it), as the hub's base identity:
 * ListAccounts (https://www.alibabacloud.com/help/en/resource-management/developer-reference/api-resourcemanager-2020-03-31-listaccounts)
 * and ListAccountsForParent (https://www.alibabacloud.com/help/en/resource-management/developer-reference/api-resourcemanager-2020-03-31-listaccountsforparent),
 * every page (PageNumber from 1, PageSize 100), with the members' tags (IncludeTags).
 */
export class DirectoryAdapter implements DirectoryPort {
  private client?: EcsRpc;

  constructor(
    private readonly region: string,
    private readonly endpoint: Endpoint | undefined,
    private readonly identity: () => BaseIdentity,
  ) {}

  private rm(): EcsRpc {
    if (!this.client) {
      const identity = this.identity();
      const auth = identity.kind === 'static' ? identity.credentials : { credential: defaultChainCredential() };
      this.client = new EcsRpc(sdkConfig(this.region, this.endpoint, auth, CENTRAL_HOST), RESOURCE_MANAGER);
    }
    return this.client;
  }

  async listDirectoryAccounts(folderId?: string): Promise<DirectoryAccount[]> {
    const found: DirectoryAccount[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { members, total } = await this.listPage(folderId, page);
      found.push(...members.map(toDirectoryAccount));
      if (members.length < PAGE_SIZE || page * PAGE_SIZE >= total) break;
    }
    return found;
  }

  private async listPage(folderId: string | undefined, page: number): Promise<{ members: Member[]; total: number }> {
    const at = { account: '' }; // the hub's own identity: no member account to name
    const body =
      folderId === undefined
        ? await this.rm().call(
            'ListAccounts',
            new ListAccountsRequest({ pageNumber: page, pageSize: PAGE_SIZE, includeTags: true }),
            new ListAccountsResponse({}),
            at,
          )
        : await this.rm().call(
            'ListAccountsForParent',
            new ListAccountsForParentRequest({
              parentFolderId: folderId,
              pageNumber: page,
              pageSize: PAGE_SIZE,
              includeTags: true,
            }),
            new ListAccountsForParentResponse({}),
            at,
          );
    return { members: body.accounts?.account ?? [], total: body.totalCount ?? 0 };
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
