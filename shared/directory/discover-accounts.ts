import type { DirectoryAccount, DirectoryPort } from '../cloud/port';
import { DEFAULT_RETRY, isTransientCloudCode, withRetry, type RetryPolicy } from '../cloud/retry';
import type { NormalizedDirectory } from '../config';
import { toSgPairingError } from '../errors';
import type { DirectoryWarning } from './directory-warning';

/**
 * The member statuses ListAccounts documents
 * (https://www.alibabacloud.com/help/en/resource-management/developer-reference/api-resourcemanager-2020-03-31-listaccounts):
 * CreateSuccess (created in the directory), InviteSuccess (joined by invitation), PromoteSuccess and
 * the Promote* states of upgrading a resource account to a cloud account, during which the member
 * stays in the directory with its resources. The docs define no "inactive" status (a member being
 * removed is no longer listed), so every documented status is active; a status they do not name is
 * skipped with a warning (MemberNotActive) rather than guessed.
 */
export const ACTIVE_MEMBER_STATUSES: ReadonlySet<string> = new Set([
  'CreateSuccess',
  'InviteSuccess',
  'PromoteVerifying',
  'PromoteFailed',
  'PromoteExpired',
  'PromoteCancelled',
  'PromoteSuccess',
]);

export interface Discovery {
  /** active members in the folders (or the whole directory) carrying the tags, unique, sorted by id */
  readonly accounts: readonly DirectoryAccount[];
  /** false when a listing failed: what is missing cannot be told from what left */
  readonly complete: boolean;
  readonly warnings: readonly DirectoryWarning[];
}

/**
 * Lists the directory's members as the hub: ListAccountsForParent for each folder (its direct
 * members), or ListAccounts when no folder is named; every page, retried on throttling and 5xx.
 * A refusal (the hub is neither the management account nor a delegated administrator, or has no
 * directory) or an unknown folder is a warning, never a failed run.
 */
export async function discoverAccounts(
  directory: NormalizedDirectory,
  port: DirectoryPort | undefined,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<Discovery> {
  if (port === undefined)
    return {
      accounts: [],
      complete: false,
      warnings: [{ code: 'DirectoryUnavailable', message: 'no Resource Directory client in this face' }],
    };
  const warnings: DirectoryWarning[] = [];
  const found = new Map<string, DirectoryAccount>();
  let complete = true;
  for (const folderId of directory.folderIds ?? [undefined]) {
    try {
      for (const a of await withRetry(() => port.listDirectoryAccounts(folderId), retry)) found.set(a.accountId, a);
    } catch (err) {
      complete = false;
      warnings.push(listingWarning(err, folderId));
    }
  }
  const accounts: DirectoryAccount[] = [];
  for (const a of [...found.values()].sort((x, y) => (x.accountId < y.accountId ? -1 : 1))) {
    if (!ACTIVE_MEMBER_STATUSES.has(a.status)) {
      warnings.push({
        code: 'MemberNotActive',
        account: a.accountId,
        message: `member ${a.accountId} (${a.displayName}) has status ${JSON.stringify(a.status)}, which the docs do not list: skipped`,
      });
      continue;
    }
    if (Object.entries(directory.tags ?? {}).every(([k, v]) => a.tags[k] === v)) accounts.push(a);
  }
  return { accounts, complete, warnings };
}

function listingWarning(thrown: unknown, folderId: string | undefined): DirectoryWarning {
  const err = toSgPairingError(thrown);
  const call = folderId === undefined ? 'ListAccounts' : `ListAccountsForParent of folder ${folderId}`;
  if (err.code === 'EntityNotExists.Folder')
    return {
      code: 'FolderNotFound',
      folderId,
      message: `resourceDirectory folder ${folderId} does not exist (${err.code}): its members are not discovered; check resourceDirectory.folderIds`,
    };
  if (err.retryable || isTransientCloudCode(err.code))
    return {
      code: 'DirectoryUnavailable',
      ...(folderId === undefined ? {} : { folderId }),
      message: `${call} failed (${err.code}: ${err.message}); a later run lists it again`,
    };
  return {
    code: 'DirectoryRefused',
    ...(folderId === undefined ? {} : { folderId }),
    message: `${call} was refused (${err.code}: ${err.message}): the hub must be the Resource Directory's management account or a delegated administrator, with resourcemanager:ListAccounts and resourcemanager:ListAccountsForParent (see \`iam\`)`,
  };
}
