/**
 * A Resource Directory (Resource Manager 2020-03-31): its management account, the delegated
 * administrators allowed to read it, its folders and its members. One directory per emulator,
 * set by the control API (`POST /_emulator/directory`); members join later by
 * `POST /_emulator/directory/members`. See emulator/COVERAGE.md "Resource Directory".
 */

/**
 * A member's Status as ListAccounts documents it
 * (https://www.alibabacloud.com/help/en/resource-management/developer-reference/api-resourcemanager-2020-03-31-listaccounts).
 * The Promote* values concern upgrading a resource account to a cloud account; the member stays in
 * the directory throughout.
 */
export const memberStatusValues = [
  'CreateSuccess',
  'InviteSuccess',
  'PromoteVerifying',
  'PromoteFailed',
  'PromoteExpired',
  'PromoteCancelled',
  'PromoteSuccess',
] as const;
export type MemberStatus = (typeof memberStatusValues)[number];

export interface DirectoryMember {
  accountId: string;
  displayName: string;
  folderId: string;
  status: MemberStatus;
  /** ResourceAccount (created in the directory) or CloudAccount (invited) */
  type: 'ResourceAccount' | 'CloudAccount';
  joinMethod: 'created' | 'invited';
  joinTime: string;
  tags: Record<string, string>;
}

export interface DirectoryFolder {
  id: string;
  name: string;
  /** the root folder has none */
  parentId?: string;
}

export interface ResourceDirectory {
  id: string;
  managementAccountId: string;
  /** member accounts registered as delegated administrators (of any trusted service) */
  delegatedAdmins: string[];
  /** by id; the root folder `r-...` is always there */
  folders: Map<string, DirectoryFolder>;
  /** by account id, in join order */
  members: Map<string, DirectoryMember>;
}

/** Whether an account may read the directory's members: its management account or a delegated administrator. */
export function mayListMembers(directory: ResourceDirectory, accountId: string): boolean {
  return directory.managementAccountId === accountId || directory.delegatedAdmins.includes(accountId);
}

/** The directory's members, sorted by join time then id; in one folder (its direct members) when given. */
export function directoryMembers(directory: ResourceDirectory, folderId?: string): DirectoryMember[] {
  return [...directory.members.values()]
    .filter((m) => folderId === undefined || m.folderId === folderId)
    .sort((a, b) =>
      a.joinTime !== b.joinTime ? (a.joinTime < b.joinTime ? -1 : 1) : a.accountId < b.accountId ? -1 : 1,
    );
}
