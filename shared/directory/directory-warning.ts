/**
 * What discovery reports instead of failing the run: the listing refused or failed, a folder not
 * found, a member of an undocumented status, a discovered account whose role refused AssumeRole,
 * a fleet pairing that expanded to no account; a fleet side by name whose group is missing, ambiguous
 * or could not be looked up in an account; a discovered account whose routed events the hub's delivery
 * role does not trust (full runs only). Each names the account or folder at fault.
 */
export interface DirectoryWarning {
  readonly code:
    | 'DirectoryRefused'
    | 'DirectoryUnavailable'
    | 'FolderNotFound'
    | 'MemberNotActive'
    | 'RoleMissing'
    | 'FleetMatchesNothing'
    | 'GroupNameMissing'
    | 'GroupNameAmbiguous'
    | 'GroupLookupFailed'
    | 'EventRouteUntrusted';
  readonly account?: string;
  /** EventRouteUntrusted: every account it is about, in one warning (an organization has hundreds) */
  readonly accounts?: readonly string[];
  readonly folderId?: string;
  readonly pairing?: string;
  readonly message: string;
}
