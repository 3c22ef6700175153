import { STS_ASSUME_ROLES_PER_SECOND } from '../cloud/account-access';
import { WORKER_FUNCTION } from '../deployed-names';
import { TerminalError } from '../errors';

export interface FanoutOptions {
  /** above this many accounts the timer fans out; also the most accounts one shard acts in */
  maxAccounts: number;
  /** the FC 3.0 function that reconciles one shard */
  workerFunction: string;
  /** the hub's STS quota for AssumeRole, calls per second: the shards share it */
  assumeRolesPerSecond: number;
}

export const DEFAULT_FANOUT_ACCOUNTS = 50;
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

/**
 * SG_PAIRING_FANOUT_ACCOUNTS (default 50, docs/performance.md "Shard size"), SG_PAIRING_WORKER_FUNCTION and SG_PAIRING_STS_PER_SECOND (the
 * hub's AssumeRole quota, default STS's documented 100; set it when Quota Center raised it); a bad value is terminal.
 */
export function fanoutOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): FanoutOptions {
  const rawLimit = env.SG_PAIRING_FANOUT_ACCOUNTS?.trim() || String(DEFAULT_FANOUT_ACCOUNTS);
  const maxAccounts = /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!Number.isSafeInteger(maxAccounts) || maxAccounts < 1) {
    throw new TerminalError(`SG_PAIRING_FANOUT_ACCOUNTS must be a whole number >= 1, got "${rawLimit}"`, {
      code: 'FanoutOptionsInvalid',
      operation: 'fanoutOptionsFromEnv',
    });
  }
  const workerFunction = env.SG_PAIRING_WORKER_FUNCTION?.trim() || WORKER_FUNCTION;
  if (!FUNCTION_NAME.test(workerFunction)) {
    throw new TerminalError(`SG_PAIRING_WORKER_FUNCTION is not a function name: "${workerFunction}"`, {
      code: 'FanoutOptionsInvalid',
      operation: 'fanoutOptionsFromEnv',
    });
  }
  const rawSts = env.SG_PAIRING_STS_PER_SECOND?.trim() || String(STS_ASSUME_ROLES_PER_SECOND);
  const assumeRolesPerSecond = /^\d+(\.\d+)?$/.test(rawSts) ? Number(rawSts) : NaN;
  if (!(assumeRolesPerSecond > 0)) {
    throw new TerminalError(`SG_PAIRING_STS_PER_SECOND must be a number of calls per second > 0, got "${rawSts}"`, {
      code: 'FanoutOptionsInvalid',
      operation: 'fanoutOptionsFromEnv',
    });
  }
  return { maxAccounts, workerFunction, assumeRolesPerSecond };
}
