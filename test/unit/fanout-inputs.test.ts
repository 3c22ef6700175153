import { describe, expect, it } from 'vitest';
import { fanoutOptionsFromEnv } from '../../shared/fanout';
import { parseWorkerPayload } from '../../shared/triggers/worker';
import { invocationRetryPolicy } from '../../shared/function-host';
import { parseTimerEvent } from '../../shared/triggers/timer';
import { fixtureJson, timerBuffer, workerBuffer } from '../support/event-fixtures';

describe('worker payload', () => {
  it('accepts names, run id and shard numbers, from the Buffer FC hands the worker', () => {
    const payload = fixtureJson('worker', 'second-of-three-shards');
    expect(payload).toEqual({ pairings: ['app-db', 'web-pair'], runId: 'r-1', shard: 1, shards: 3 });
    expect(parseWorkerPayload(workerBuffer('second-of-three-shards'))).toEqual({ ok: true, value: payload });
  });

  it.each([
    ['not JSON', Buffer.from('{'), 'InvalidJson'],
    ['no pairings', { pairings: [], runId: 'r', shard: 0, shards: 1 }, 'InvalidPayload'],
    ['a shard past the count', { pairings: ['a'], runId: 'r', shard: 3, shards: 3 }, 'InvalidPayload'],
    [
      'rules instead of names',
      { pairings: [{ name: 'a', rules: [] }], runId: 'r', shard: 0, shards: 1 },
      'InvalidPayload',
    ],
  ])('refuses %s with a terminal error', (_what, input, code) => {
    const r = parseWorkerPayload(input);
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : { code: r.error.code, retryable: r.error.retryable }).toEqual({ code, retryable: false });
  });
});

describe('timer event', () => {
  it('accepts the FC timer event', () => {
    const event = fixtureJson('timer', 'with-payload');
    expect(event).toEqual({ triggerTime: '2026-11-29T09:00:00Z', triggerName: 'every-10-minutes', payload: 'sweep' });
    expect(parseTimerEvent(timerBuffer('with-payload'))).toEqual({ ok: true, value: event });
  });

  it('refuses anything else', () => {
    const r = parseTimerEvent({ hello: 'world' });
    expect(r.ok ? undefined : r.error.code).toBe('InvalidTimerEvent');
  });
});

describe('fan-out options from the environment', () => {
  it('defaults: 20 accounts, sg-pairing-reconcile-worker', () => {
    expect(fanoutOptionsFromEnv({})).toEqual({
      maxAccounts: 50,
      workerFunction: 'sg-pairing-reconcile-worker',
      assumeRolesPerSecond: 100,
    });
  });

  it('reads SG_PAIRING_FANOUT_ACCOUNTS and SG_PAIRING_WORKER_FUNCTION', () => {
    expect(fanoutOptionsFromEnv({ SG_PAIRING_FANOUT_ACCOUNTS: '3', SG_PAIRING_WORKER_FUNCTION: 'worker-2' })).toEqual({
      maxAccounts: 3,
      workerFunction: 'worker-2',
      assumeRolesPerSecond: 100,
    });
  });

  it('reads the hub STS quota the shards share from SG_PAIRING_STS_PER_SECOND, and refuses a bad one', () => {
    expect(fanoutOptionsFromEnv({ SG_PAIRING_STS_PER_SECOND: '250' }).assumeRolesPerSecond).toBe(250);
    for (const bad of ['0', '-5', 'fast'])
      expect(() => fanoutOptionsFromEnv({ SG_PAIRING_STS_PER_SECOND: bad })).toThrow(
        expect.objectContaining({ code: 'FanoutOptionsInvalid', message: expect.stringContaining('STS_PER_SECOND') }),
      );
  });

  it.each([['0'], ['-1'], ['two'], ['2.5']])('refuses SG_PAIRING_FANOUT_ACCOUNTS=%s', (value) => {
    expect(() => fanoutOptionsFromEnv({ SG_PAIRING_FANOUT_ACCOUNTS: value })).toThrow(
      expect.objectContaining({ code: 'FanoutOptionsInvalid', retryable: false }),
    );
  });
});

describe('the retry budget of an invocation', () => {
  it('throttling may use at most half the function timeout, and the environment may narrow it', () => {
    expect(invocationRetryPolicy({ function: { name: 'f', timeout: 60 } } as never, {})).toMatchObject({
      maxAttempts: 8,
      maxThrottleWaitMs: 30_000,
    });
    expect(invocationRetryPolicy({}, {})).toMatchObject({ maxAttempts: 8, maxThrottleWaitMs: 120_000 });
    expect(
      invocationRetryPolicy({}, { SG_PAIRING_RETRY_MAX_ATTEMPTS: '2', SG_PAIRING_THROTTLE_WAIT_MS: '0' }),
    ).toMatchObject({ maxAttempts: 2, maxThrottleWaitMs: 0 });
  });

  it('refuses a bad value', () => {
    expect(() => invocationRetryPolicy({}, { SG_PAIRING_RETRY_MAX_ATTEMPTS: '0' })).toThrow(
      expect.objectContaining({ code: 'RetryOptionsInvalid' }),
    );
  });
});
