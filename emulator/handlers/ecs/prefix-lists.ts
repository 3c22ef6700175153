import type { Handler } from '../../models/context';
import { withClientToken } from '../../models/idempotency';
import { paginate } from '../../models/paging';
import {
  associationsOf,
  createPrefixList,
  deletePrefixList,
  findPrefixList,
  modifyPrefixList,
  ownLists,
  type PrefixList,
} from '../../models/prefix-lists';
import type { World } from '../../models/world';
import { int, list, opt, pageRequest, records, req, scopeOf } from './params';

/*
 * ECS 2014-05-26 prefix lists, as their API pages describe them:
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createprefixlist
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyprefixlist
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeprefixlists
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeprefixlistattributes
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeprefixlistassociations
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-deleteprefixlist
 */

const entriesOf = (ctx: Parameters<Handler>[0], prefix: string) =>
  records(ctx, prefix)
    .filter((e) => (e.Cidr ?? '') !== '')
    .map((e) => ({ cidr: e.Cidr ?? '', description: e.Description ?? '' }));

/** CreatePrefixList: AddressFamily, MaxEntries, PrefixListName, Description, Entry.N, Tag.N, ClientToken → PrefixListId. */
export const createPrefixListHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  return withClientToken(scope, ctx.action, ctx.params, () => {
    const created = createPrefixList(scope, {
      name: req(ctx, 'PrefixListName'),
      description: opt(ctx, 'Description') ?? '',
      addressFamily: req(ctx, 'AddressFamily'),
      maxEntries: int(ctx, 'MaxEntries'),
      entries: entriesOf(ctx, 'Entry'),
      tags: Object.fromEntries(
        records(ctx, 'Tag')
          .filter((t) => t.Key)
          .map((t) => [t.Key as string, t.Value ?? '']),
      ),
    });
    return { PrefixListId: created.id };
  });
};

/** ModifyPrefixList: PrefixListId, AddEntry.N, RemoveEntry.N (at most 200 each), PrefixListName, Description → `{}`. */
export const modifyPrefixListHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  modifyPrefixList(scope, req(ctx, 'PrefixListId'), {
    add: entriesOf(ctx, 'AddEntry'),
    remove: entriesOf(ctx, 'RemoveEntry').map((e) => e.cidr),
    ...(opt(ctx, 'PrefixListName') === undefined ? {} : { name: opt(ctx, 'PrefixListName') }),
    ...(opt(ctx, 'Description') === undefined ? {} : { description: opt(ctx, 'Description') }),
  });
  return {};
};

/** DeletePrefixList: refused while referenced (NotAllowed.AssociationExist) → `{}`. */
export const deletePrefixListHandler: Handler = (ctx) => {
  deletePrefixList(scopeOf(ctx), req(ctx, 'PrefixListId'));
  return {};
};

/** DescribePrefixLists: PrefixListId.N, PrefixListName, AddressFamily, Tag.N filters; MaxResults (1..100, 10) / NextToken. */
export const describePrefixListsHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const ids = list(ctx, 'PrefixListId').filter((id) => id !== '');
  const name = opt(ctx, 'PrefixListName');
  const family = opt(ctx, 'AddressFamily');
  const tags = records(ctx, 'Tag').filter((t) => t.Key);
  const lists = ownLists(scope).filter(
    (l) =>
      (ids.length === 0 || ids.includes(l.id)) &&
      (name === undefined || l.name === name) &&
      (family === undefined || l.addressFamily === family) &&
      tags.every(
        (t) => l.tags[t.Key as string] !== undefined && (t.Value === undefined || l.tags[t.Key as string] === t.Value),
      ),
  );
  const page = paginate(lists, pageRequest(ctx), { defaultSize: 10, minSize: 1, maxSize: 100 });
  return {
    NextToken: page.nextToken ?? '',
    PrefixLists: { PrefixList: page.items.map((l) => formatList(scope.world, l)) },
  };
};

/** DescribePrefixListAttributes: one list with its entries. */
export const describePrefixListAttributesHandler: Handler = (ctx) => {
  const l = findPrefixList(scopeOf(ctx), req(ctx, 'PrefixListId'));
  return {
    PrefixListId: l.id,
    PrefixListName: l.name,
    Description: l.description,
    AddressFamily: l.addressFamily,
    MaxEntries: l.maxEntries,
    CreationTime: l.creationTime,
    Entries: { Entry: [...l.entries].map(([Cidr, Description]) => ({ Cidr, Description })) },
  };
};

/** DescribePrefixListAssociations: the security groups whose rules reference the list. */
export const describePrefixListAssociationsHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const l = findPrefixList(scope, req(ctx, 'PrefixListId'));
  const groups = associationsOf(scope.world, l);
  const page = paginate(groups, pageRequest(ctx), { defaultSize: 10, minSize: 1, maxSize: 100 });
  return {
    NextToken: page.nextToken ?? '',
    PrefixListAssociations: {
      PrefixListAssociation: page.items.map((g) => ({ ResourceId: g.id, ResourceType: 'securitygroup' })),
    },
  };
};

function formatList(world: World, l: PrefixList): Record<string, unknown> {
  return {
    PrefixListId: l.id,
    PrefixListName: l.name,
    Description: l.description,
    AddressFamily: l.addressFamily,
    MaxEntries: l.maxEntries,
    AssociationCount: associationsOf(world, l).length,
    CreationTime: l.creationTime,
    Tags: {
      Tag: Object.keys(l.tags)
        .sort()
        .map((k) => ({ TagKey: k, TagValue: l.tags[k] })),
    },
  };
}
