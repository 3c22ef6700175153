import type { HandlerTable } from '../../models/context';
import { listAccounts, listAccountsForParent } from './list-accounts';

/** Resource Manager 2020-03-31: the Resource Directory reads sg-pairing makes (no writes, so no events). */
export const resourceManagerHandlers: HandlerTable = {
  ListAccounts: { handler: listAccounts, write: false },
  ListAccountsForParent: { handler: listAccountsForParent, write: false },
};
