import { configError, configWarning, joinPath, type Diagnostic } from '../diagnostic';
import type { LooseConfig } from '../loose-config';
import { FLEET_ACCOUNT } from '../patterns';

export function checkDuplicatePairingNames(config: LooseConfig): Diagnostic[] {
  const firstIndex = new Map<string, string>();
  return config.pairings.flatMap((p) => {
    if (p.name === undefined) return [];
    const first = firstIndex.get(p.name);
    if (first === undefined) {
      firstIndex.set(p.name, p.path);
      return [];
    }
    return [
      configError(
        'DuplicatePairingName',
        joinPath(p.path, 'name'),
        `pairing name "${p.name}" is already used by ${first}`,
      ),
    ];
  });
}

/** Two aliases for one account UID would assume roles ambiguously. */
export function checkDuplicateAccountIds(config: LooseConfig): Diagnostic[] {
  const firstAlias = new Map<string, string>();
  return config.accounts.flatMap((a) => {
    if (a.id === undefined) return [];
    const first = firstAlias.get(a.id);
    if (first === undefined) {
      firstAlias.set(a.id, a.alias);
      return [];
    }
    return [
      configError('DuplicateAccountId', joinPath(a.path, 'id'), `account id ${a.id} is already declared as "${first}"`),
    ];
  });
}

export function checkUnusedAccounts(config: LooseConfig): Diagnostic[] {
  const used = new Set(config.pairings.flatMap((p) => (p.sides ?? []).map((s) => s.account)));
  if (used.has(FLEET_ACCOUNT)) return []; // a fleet side acts in every account
  return config.accounts
    .filter((a) => !used.has(a.alias))
    .map((a) =>
      configWarning(
        'UnusedAccount',
        a.path,
        `account "${a.alias}" is not used by any pairing: a sweep still lists its sg-pairing record and prunes the rules there; remove it once one has run`,
      ),
    );
}
