import { ApiError, apiError } from '../errors/api-errors';

/**
 * The `AccessDeniedDetail` object a RAM refusal carries in its error body (shape UNCONFIRMED: taken
 * from RAM's DecodeDiagnosticMessage answer and the fields Alibaba's newer APIs return; see COVERAGE.md).
 */
export interface AccessDeniedDetail {
  AuthAction: string;
  AuthPrincipalType: 'AssumedRoleUser';
  AuthPrincipalOwnerId: string;
  AuthPrincipalDisplayName: string;
  NoPermissionType: 'ImplicitDeny' | 'ExplicitDeny';
  PolicyType: 'AccountLevelIdentityBasedPolicy';
  /** base64 of a JSON diagnosis (AuthAction, AuthResource, ExplicitDeny, MatchedStatement); real ones are opaque */
  EncodedDiagnosticMessage: string;
}

/** `Forbidden.RAM` (403) with its AccessDeniedDetail; the server adds the detail to the error body. */
export class AccessDeniedError extends ApiError {
  constructor(
    message: string,
    readonly detail: AccessDeniedDetail,
  ) {
    super('Forbidden.RAM', apiError('Forbidden.RAM').status, message);
  }
}
