import { apiError } from '../../errors/api-errors';
import type { Handler, RequestContext } from '../../models/context';
import { directoryMembers, mayListMembers, type DirectoryMember, type ResourceDirectory } from '../../models/directory';
import { paginate } from '../../models/paging';
import { int } from '../ecs/params';

const FOLDER_ID = /^(fd-[A-Za-z0-9]{10}|r-[A-Za-z0-9]{6})$/;

/**
 * Resource Manager ListAccounts (2020-03-31,
 * https://www.alibabacloud.com/help/en/resource-management/developer-reference/api-resourcemanager-2020-03-31-listaccounts):
 * every member of the caller's directory; only its management account or a delegated administrator
 * may call it. Paged by PageNumber (from 1) and PageSize (1..100, default 10). Tag.N filters.
 */
export const listAccounts: Handler = (ctx) => listMembersOf(ctx, directoryOf(ctx));

/**
 * ListAccountsForParent (2020-03-31,
 * https://www.alibabacloud.com/help/en/resource-management/developer-reference/api-resourcemanager-2020-03-31-listaccountsforparent):
 * the direct members of ParentFolderId (the root folder when absent); an unknown folder is
 * EntityNotExists.Folder (404), a malformed id InvalidParameter.ParentFolderId (the ListAncestors
 * error table's wording for folder ids: `r-` + 6 or `fd-` + 10 letters or digits).
 */
export const listAccountsForParent: Handler = (ctx) => {
  const directory = directoryOf(ctx);
  const folderId = ctx.params.ParentFolderId || rootFolderId(directory);
  if (!FOLDER_ID.test(folderId)) throw apiError('InvalidParameter.ParentFolderId');
  if (!directory.folders.has(folderId)) throw apiError('EntityNotExists.Folder');
  return listMembersOf(ctx, directory, folderId);
};

/** The directory the caller may read: none at all is EntityNotExists.ResourceDirectory; a plain member is refused. */
function directoryOf(ctx: RequestContext): ResourceDirectory {
  const directory = ctx.world.directory;
  const account = ctx.caller.account;
  if (directory === undefined || (!directory.members.has(account) && directory.managementAccountId !== account))
    throw apiError('EntityNotExists.ResourceDirectory');
  // UNCONFIRMED code: the docs say only the management account or a delegated administrator may call it
  if (!mayListMembers(directory, account))
    throw apiError(
      'NoPermission',
      `Account ${account} is neither the management account of the resource directory nor a delegated administrator.`,
    );
  return directory;
}

function rootFolderId(directory: ResourceDirectory): string {
  return [...directory.folders.values()].find((f) => f.parentId === undefined)?.id ?? '';
}

function listMembersOf(ctx: RequestContext, directory: ResourceDirectory, folderId?: string): Record<string, unknown> {
  const tags = tagFilters(ctx.params);
  const members = directoryMembers(directory, folderId).filter((m) =>
    tags.every(([k, v]) => Object.hasOwn(m.tags, k) && (v === undefined || m.tags[k] === v)),
  );
  const pageSize = int(ctx, 'PageSize');
  if (pageSize !== undefined && (pageSize < 1 || pageSize > 100))
    throw apiError('InvalidParameter', 'The specified parameter "PageSize" must be from 1 to 100.');
  const page = paginate(
    members,
    { style: 'page', pageNumber: int(ctx, 'PageNumber'), pageSize },
    { defaultSize: 10, minSize: 1, maxSize: 100 },
  );
  const includeTags = ctx.params.IncludeTags === 'true';
  return {
    TotalCount: page.totalCount,
    PageNumber: page.pageNumber,
    PageSize: page.pageSize,
    Accounts: { Account: page.items.map((m) => formatMember(m, directory, includeTags)) },
  };
}

function tagFilters(params: Readonly<Record<string, string>>): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (let n = 1; params[`Tag.${n}.Key`] !== undefined; n += 1)
    out.push([params[`Tag.${n}.Key`] as string, params[`Tag.${n}.Value`]]);
  return out;
}

function formatMember(m: DirectoryMember, directory: ResourceDirectory, includeTags: boolean): Record<string, unknown> {
  return {
    AccountId: m.accountId,
    DisplayName: m.displayName,
    FolderId: m.folderId,
    ResourceDirectoryId: directory.id,
    Status: m.status,
    Type: m.type,
    JoinMethod: m.joinMethod,
    JoinTime: m.joinTime,
    ModifyTime: m.joinTime,
    ...(includeTags ? { Tags: { Tag: Object.entries(m.tags).map(([Key, Value]) => ({ Key, Value })) } } : {}),
  };
}
