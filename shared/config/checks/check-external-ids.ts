import { configWarning, joinPath, type Diagnostic } from '../diagnostic';
import type { NormalizedConfig } from '../normalized-config';

/**
 * Advice, not a rule of the document (so `validate` runs it, not every load): each account's role
 * should require an ExternalId. The hub role may assume every member role; with `externalId` set,
 * the member's trust policy (from `sg-pairing iam`) also requires `sts:ExternalId`, so a role ARN
 * copied into another deployment, or the hub role misused on behalf of someone else (the confused
 * deputy), cannot assume it (AssumeRole's ExternalId:
 * https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-assumerole).
 */
export function checkExternalIds(config: NormalizedConfig): Diagnostic[] {
  return Object.values(config.accounts)
    .filter((a) => a.externalId === undefined)
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0))
    .map((a) =>
      configWarning(
        'ExternalIdMissing',
        joinPath('accounts', a.alias),
        `account "${a.alias}" (${a.accountId}) has no externalId: set one (2 to 1224 of letters, digits and +=,.@:/-_), so its role trusts the hub only with it ("sts:ExternalId" in the trust policy sg-pairing iam prints)`,
      ),
    );
}
