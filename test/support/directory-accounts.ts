import { HUB_ACCOUNT_ID, HUB_CREDENTIALS } from './identities';

/** The hub in a Resource Directory scenario: the RAM user sg-pairing signs with, and any roles of its own. */
export const hubScenarioAccount = (roles: { name: string; trust: string[] }[] = []) => ({
  id: HUB_ACCOUNT_ID,
  name: 'hub@example.com',
  accessKeys: [{ id: HUB_CREDENTIALS.accessKeyId, secret: HUB_CREDENTIALS.accessKeySecret, kind: 'ram-user' }],
  ...(roles.length > 0 ? { roles } : {}),
});

/** A member account (its key `AK<id>` / `secret-<id>`), with the sg-pairing role trusting the hub unless `role` is false. */
export const memberScenarioAccount = (id: string, role = true) => ({
  id,
  name: `${id}@example.com`,
  accessKeys: [{ id: `AK${id}`, secret: `secret-${id}` }],
  ...(role ? { roles: [{ name: 'sg-pairing', trust: [HUB_ACCOUNT_ID] }] } : {}),
});
