import {
  CreatePrefixListRequest,
  CreatePrefixListRequestEntry,
  CreatePrefixListRequestTag,
} from '@alicloud/ecs20140526/dist/models/CreatePrefixListRequest';
import { CreatePrefixListResponse } from '@alicloud/ecs20140526/dist/models/CreatePrefixListResponse';
import { DeletePrefixListRequest } from '@alicloud/ecs20140526/dist/models/DeletePrefixListRequest';
import { DeletePrefixListResponse } from '@alicloud/ecs20140526/dist/models/DeletePrefixListResponse';
import { DescribePrefixListAttributesRequest } from '@alicloud/ecs20140526/dist/models/DescribePrefixListAttributesRequest';
import { DescribePrefixListAttributesResponse } from '@alicloud/ecs20140526/dist/models/DescribePrefixListAttributesResponse';
import {
  DescribePrefixListsRequest,
  DescribePrefixListsRequestTag,
} from '@alicloud/ecs20140526/dist/models/DescribePrefixListsRequest';
import { DescribePrefixListsResponse } from '@alicloud/ecs20140526/dist/models/DescribePrefixListsResponse';
import {
  ModifyPrefixListRequest,
  ModifyPrefixListRequestAddEntry,
  ModifyPrefixListRequestRemoveEntry,
} from '@alicloud/ecs20140526/dist/models/ModifyPrefixListRequest';
import { ModifyPrefixListResponse } from '@alicloud/ecs20140526/dist/models/ModifyPrefixListResponse';
import type { NewPrefixList, PrefixListPort, PrefixListSummary } from '../port';
import type { EcsRpc } from './ecs-rpc';

/**
 * ECS 2014-05-26 prefix lists for one account, through the same RPC client as the rest of ECS
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createprefixlist,
 * -modifyprefixlist, -describeprefixlists, -describeprefixlistattributes, -deleteprefixlist).
 */
export function prefixListAdapter(region: string, account: string, client: EcsRpc): PrefixListPort {
  const at = { account };
  return {
    listTaggedPrefixLists: (key, value) => listTagged(client, region, account, key, value),
    async readPrefixListEntries(prefixListId) {
      const request = new DescribePrefixListAttributesRequest({ regionId: region, prefixListId });
      const body = await client.call(
        'DescribePrefixListAttributes',
        request,
        new DescribePrefixListAttributesResponse({}),
        at,
      );
      return (body.entries?.entry ?? []).map((e) => e.cidr ?? '').filter((c) => c !== '');
    },
    async createPrefixList(list: NewPrefixList, clientToken: string) {
      const request = new CreatePrefixListRequest({
        regionId: region,
        prefixListName: list.name,
        description: list.description,
        addressFamily: list.addressFamily,
        maxEntries: list.maxEntries,
        entry: list.entries.map((cidr) => new CreatePrefixListRequestEntry({ cidr })),
        tag: [new CreatePrefixListRequestTag({ key: list.tag.key, value: list.tag.value })],
        clientToken,
      });
      const body = await client.call('CreatePrefixList', request, new CreatePrefixListResponse({}), at);
      return { prefixListId: body.prefixListId ?? '' };
    },
    async modifyPrefixListEntries(prefixListId, add, remove) {
      const request = new ModifyPrefixListRequest({
        regionId: region,
        prefixListId,
        addEntry: add.map((cidr) => new ModifyPrefixListRequestAddEntry({ cidr })),
        removeEntry: remove.map((cidr) => new ModifyPrefixListRequestRemoveEntry({ cidr })),
      });
      await client.call('ModifyPrefixList', request, new ModifyPrefixListResponse({}), at);
    },
    async deletePrefixList(prefixListId) {
      const request = new DeletePrefixListRequest({ regionId: region, prefixListId });
      await client.call('DeletePrefixList', request, new DeletePrefixListResponse({}), at);
    },
  };
}

/** DescribePrefixLists by the tag, every page (100 a page), by id; the answer is checked for the tag all the same. */
async function listTagged(
  client: EcsRpc,
  region: string,
  account: string,
  key: string,
  value: string,
): Promise<PrefixListSummary[]> {
  const out: PrefixListSummary[] = [];
  let nextToken: string | undefined;
  do {
    const request = new DescribePrefixListsRequest({
      regionId: region,
      tag: [new DescribePrefixListsRequestTag({ key, value })],
      maxResults: 100,
      nextToken,
    });
    const body = await client.call('DescribePrefixLists', request, new DescribePrefixListsResponse({}), { account });
    for (const l of body.prefixLists?.prefixList ?? []) {
      if (!(l.tags?.tag ?? []).some((t) => t.tagKey === key && t.tagValue === value)) continue;
      out.push({
        prefixListId: l.prefixListId ?? '',
        name: l.prefixListName ?? '',
        description: l.description ?? '',
        addressFamily: l.addressFamily ?? '',
        maxEntries: Number(l.maxEntries ?? 0),
        associationCount: Number(l.associationCount ?? 0),
      });
    }
    nextToken = body.nextToken || undefined;
  } while (nextToken);
  return out.sort((a, b) => (a.prefixListId < b.prefixListId ? -1 : a.prefixListId > b.prefixListId ? 1 : 0));
}
