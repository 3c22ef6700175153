import type { Diagnostic } from '../diagnostic';
import type { LooseConfig } from '../loose-config';
import { checkDuplicateAccountIds, checkDuplicatePairingNames, checkUnusedAccounts } from './check-accounts';
import { checkAccountIds, checkNames, checkRegions, checkRoles, checkSideIds } from './check-formats';
import {
  checkFleetNameCollisions,
  checkFleetSides,
  checkResourceDirectory,
  checkSecurityGroupNames,
} from './check-fleet';
import { checkMemberRanges, checkPublicCidrs } from './check-member-ranges';
import { checkChangeLimits, checkMaxMembersOnInstance } from './check-limits';
import { checkIpVersionFitsStrategy } from './check-ip-version';
import { checkPortsFitProtocol } from './check-ports';
import { checkPrefixListSameAccount } from './check-prefix-list';
import {
  checkAccountAliases,
  checkSameGroupBothSides,
  checkSameInstanceBothSides,
  checkSideCount,
  checkSideTargets,
} from './check-sides';
import { checkCidrs, checkStrategyFitsSides, checkTags } from './check-strategy';

/** A semantic rule over the tolerant view of the document; it returns every problem it sees. */
export type ConfigCheck = (config: LooseConfig) => Diagnostic[];

export const configChecks: readonly ConfigCheck[] = [
  checkNames,
  checkRegions,
  checkRoles,
  checkAccountIds,
  checkDuplicateAccountIds,
  checkDuplicatePairingNames,
  checkSideCount,
  checkSideTargets,
  checkSideIds,
  checkAccountAliases,
  checkSameGroupBothSides,
  checkSameInstanceBothSides,
  checkPortsFitProtocol,
  checkTags,
  checkCidrs,
  checkStrategyFitsSides,
  checkMemberRanges,
  checkPublicCidrs,
  checkUnusedAccounts,
  checkMaxMembersOnInstance,
  checkChangeLimits,
  checkFleetSides,
  checkSecurityGroupNames,
  checkFleetNameCollisions,
  checkResourceDirectory,
  checkIpVersionFitsStrategy,
  checkPrefixListSameAccount,
];

export function runConfigChecks(config: LooseConfig, checks: readonly ConfigCheck[] = configChecks): Diagnostic[] {
  return checks.flatMap((check) => check(config));
}
