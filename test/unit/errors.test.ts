import { describe, expect, it } from 'vitest';
import { SgPairingError, TerminalError, UsageError, isSgPairingError, toSgPairingError } from '../../shared/errors';
import { cloudErrorCode } from '../../shared/error-codes';

describe('SgPairingError', () => {
  it('carries a code, retryable (default true), the cause and what was at fault', () => {
    const cause = new Error('socket hang up');

    const error = new SgPairingError('read failed', {
      code: cloudErrorCode('ReadFailed'),
      cause,
      account: '1',
      group: 'sg-1',
      operation: 'ecs:DescribeSecurityGroupAttribute',
    });

    expect({ ...error.toJSON(), cause: error.cause, isError: error instanceof Error }).toEqual({
      name: 'SgPairingError',
      code: cloudErrorCode('ReadFailed'),
      message: 'read failed',
      retryable: true,
      account: '1',
      group: 'sg-1',
      operation: 'ecs:DescribeSecurityGroupAttribute',
      cause,
      isError: true,
    });
  });

  it('marks terminal and usage errors as not retryable', () => {
    const errors = [
      new TerminalError('denied', { code: cloudErrorCode('AssumeRoleDenied') }),
      new UsageError('no such pairing', { code: 'UnknownPairing', pairing: 'x' }),
    ];

    expect(errors.map((e) => [e.name, e.code, e.retryable, isSgPairingError(e)])).toEqual([
      ['TerminalError', 'AssumeRoleDenied', false, true],
      ['UsageError', 'UnknownPairing', false, true],
    ]);
  });
});

describe('toSgPairingError', () => {
  it('passes an SgPairingError through unchanged', () => {
    const error = new UsageError('x', { code: 'UnknownPairing' });

    expect(toSgPairingError(error, { pairing: 'p' })).toBe(error);
  });

  it('wraps anything else as a retryable Unexpected error with the context', () => {
    const wrapped = toSgPairingError('boom', { operation: 'plan' });

    expect([wrapped.code, wrapped.retryable, wrapped.message, wrapped.operation, wrapped.cause]).toEqual([
      'Unexpected',
      true,
      'boom',
      'plan',
      'boom',
    ]);
  });
});
