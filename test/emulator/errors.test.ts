import { describe, expect, it } from 'vitest';
import { apiError, isErrorCode, knownErrorCodes, type ErrorCode } from '../../emulator/errors/api-errors';

describe('the error catalogue', () => {
  it('answers a code with its documented status and message, or the detail given', () => {
    const plain = apiError('InvalidSecurityGroupId.NotFound');
    const detailed = apiError('Throttling.User', 'slow down', { 'x-acs-retry-after': '1000' });

    expect({ code: plain.code, status: plain.status, message: plain.message }).toEqual({
      code: 'InvalidSecurityGroupId.NotFound',
      status: 404,
      message: 'The specified SecurityGroupId does not exist.',
    });
    expect({ status: detailed.status, message: detailed.message, headers: detailed.headers }).toEqual({
      status: 400,
      message: 'slow down',
      headers: { 'x-acs-retry-after': '1000' },
    });
  });

  it('types codes by its keys: a code outside the catalogue does not compile, and throws if forced', () => {
    // @ts-expect-error 'Typo' is not a key of the catalogue (tsc fails here if the type widens to string)
    const typo = () => apiError('Typo');
    const forced = () => apiError('Typo' as ErrorCode);

    expect(typo).toThrow(/not in the catalogue/);
    expect(forced).toThrow(/not in the catalogue/);
  });

  it('tells catalogue codes from other strings', () => {
    expect(knownErrorCodes().every(isErrorCode)).toBe(true);
    expect(['Forbidden.RAM', 'Typo', 'toString'].map(isErrorCode)).toEqual([true, false, false]);
  });
});
