import { describe, expect, it } from 'vitest';
import { fromSdkError } from '../../shared/cloud/adapters/sdk-errors';
import { isTransientCloudCode } from '../../shared/cloud/retry';

// Which cloud refusals a retry may fix: terraform-provider-alicloud's retry set, decided by the code
// (the statuses of these codes are not documented), plus any 5xx; never what the caller must fix.

const sdkError = (code: string, statusCode: number) =>
  Object.assign(new Error(`code: ${statusCode}, ${code}`), { code, statusCode, data: { Message: code } });
const retryable = (code: string, status: number) =>
  fromSdkError(sdkError(code, status), { operation: 'ecs:AuthorizeSecurityGroup' }).retryable;

describe('transient cloud codes', () => {
  it.each([
    ['LastTokenProcessing', 403],
    ['OperationFailed.LastTokenProcessing', 400],
    ['OperationConflict', 403],
    ['IncorrectStatus', 400],
    ['IncorrectStatus.Vpc', 400],
    ['SystemBusy', 400],
    ['ServiceUnavailable', 503],
    ['Throttling', 400],
    ['Throttling.User', 400],
    ['Throttling.Api', 400],
    ['Rejected.Throttling', 400],
    ['InternalError', 500],
    ['AnyCodeAt', 502],
  ])('%s (%i) is retried', (code, status) => {
    expect(retryable(code, status)).toBe(true);
  });

  it.each([
    ['InvalidParam.PortRange', 400],
    ['InvalidParam.Permissions', 400],
    ['Forbidden.RAM', 403],
    ['NoPermission', 403],
    ['AuthorizationLimitExceed', 403],
    ['IncorrectInstanceStatus', 403],
    ['IdempotentParameterMismatch', 400],
    ['InvalidSecurityGroupId.NotFound', 404],
    ['ThrottlingNot', 400],
    ['IncorrectStatusX', 400],
  ])('%s (%i) is the caller to fix: not retried', (code, status) => {
    expect(retryable(code, status)).toBe(false);
    expect(isTransientCloudCode(code)).toBe(false);
  });
});
