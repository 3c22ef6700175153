import { describe, expect, it } from 'vitest';
import { connectTimeoutMs, readTimeoutMs } from '../../shared/cloud/adapters/sdk-config';

describe('the SDK timeouts', () => {
  it('are 10 s to read and 5 s to connect unless the environment says otherwise', () => {
    expect([readTimeoutMs({}), connectTimeoutMs({})]).toEqual([10_000, 5_000]);
    expect(connectTimeoutMs({ SG_PAIRING_CONNECT_TIMEOUT_MS: '30000', SG_PAIRING_READ_TIMEOUT_MS: '60000' })).toBe(
      30_000,
    );
  });

  it('never connect for longer than they read, and ignore a value that is not a whole number of ms', () => {
    expect(connectTimeoutMs({ SG_PAIRING_CONNECT_TIMEOUT_MS: '30000' })).toBe(10_000);
    expect(connectTimeoutMs({ SG_PAIRING_READ_TIMEOUT_MS: '2000' })).toBe(2_000);
    expect(connectTimeoutMs({ SG_PAIRING_CONNECT_TIMEOUT_MS: 'soon' })).toBe(5_000);
  });
});
