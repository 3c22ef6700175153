/**
 * The identities of the seed world (examples/seed-scenario.yaml), named by what they are: the hub
 * account (the product's base identity, trusted by every paired account's role) and the two paired
 * accounts a and b, each with its account id and its long-lived access key.
 */
import type { Creds } from './clients';

export const HUB_ACCOUNT_ID = '1000000000000001';
export const ACCOUNT_A_ID = '1111111111111111';
export const ACCOUNT_B_ID = '2222222222222222';
/** An account no seed pairing declares (secrets and multi-account configs name it). */
export const ACCOUNT_C_ID = '3333333333333333';

/** The hub's access key: what the demo and the local faces sign with. */
export const HUB_CREDENTIALS: Creds = { accessKeyId: 'LTAIhubExampleKey', accessKeySecret: 'hub-example-secret' };
export const ACCOUNT_A_CREDENTIALS: Creds = { accessKeyId: 'LTAIexampleA', accessKeySecret: 'example-secret-a' };
export const ACCOUNT_B_CREDENTIALS: Creds = { accessKeyId: 'LTAIexampleB', accessKeySecret: 'example-secret-b' };

/** The role sg-pairing assumes in a paired account (`roleName: sg-pairing`). */
export const PAIRING_ROLE_NAME = 'sg-pairing';
export const roleArnOf = (accountId: string, roleName: string = PAIRING_ROLE_NAME): string =>
  `acs:ram::${accountId}:role/${roleName}`;

/** The long-lived keys of the seed's paired accounts, by account id. */
export const ACCOUNT_CREDENTIALS: Record<string, Creds> = {
  [ACCOUNT_A_ID]: ACCOUNT_A_CREDENTIALS,
  [ACCOUNT_B_ID]: ACCOUNT_B_CREDENTIALS,
};
