import { SgPairingError } from '../errors';

/**
 * STS answers `NoPermission` "Roles may not be assumed by root accounts." to AssumeRole signed with an
 * Alibaba Cloud account's own AccessKey (STS AssumeRole errors,
 * https://www.alibabacloud.com/help/doc-detail/42775.htm; AssumeRole,
 * https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-assumerole).
 */
export function isRootAccountRefusal(code: string, message: string): boolean {
  return code === 'NoPermission' && /may not be assumed by root accounts/i.test(message);
}

/** What to do instead, in words every face prints as they are (the CLI, the function logs). */
export const ROOT_ACCESS_KEY_WAY_OUT =
  'A RAM user or a role is needed: create a RAM user in the hub account, grant it sts:AssumeRole on the ' +
  "member accounts' roles (the hub policy 'sg-pairing iam' prints; each role's trust policy must allow the " +
  'user or its account), and use its AccessKey (ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET); ' +
  "or run sg-pairing in Function Compute, where it acts with the function's role.";

/** The product's typed error for that refusal: terminal, since no retry turns a root key into a RAM user's. */
export function rootAccessKeyError(context: { account?: string; operation?: string; cause?: unknown }): SgPairingError {
  return new SgPairingError(
    "RootAccessKey: the credentials are an Alibaba Cloud account's own (root) AccessKey, and STS refuses to " +
      `let a root account assume roles ("Roles may not be assumed by root accounts"). ${ROOT_ACCESS_KEY_WAY_OUT}`,
    { code: 'RootAccessKey', retryable: false, ...context },
  );
}
