import { FLEET_NAME_SEPARATOR, type NormalizedConfig, type NormalizedPairing } from '../config';
import { UsageError } from '../errors';
import { selectPairings } from '../plan';
import type { DirectoryWarning } from './directory-warning';
import { resolveFleet, type ResolveFleetDeps } from './resolve-fleet';

export interface FleetSelection {
  /** the config the pairings belong to: with its fleet resolved when a name needed it */
  readonly config: NormalizedConfig;
  /** the pairings named, sorted; a fleet pairing's name stands for each of its expansions */
  readonly pairings: readonly NormalizedPairing[];
}

/** The fleet pairing a name is, or is an expansion of (`<fleet>--<account id>`, as `plan` lists them). */
function fleetOf(config: NormalizedConfig, name: string): { fleet: string; accountId?: string } | undefined {
  const isFleet = (n: string) => (config.fleet ?? []).some((f) => f.pairing === n);
  if (isFleet(name)) return { fleet: name };
  const at = name.lastIndexOf(FLEET_NAME_SEPARATOR);
  const fleet = at < 0 ? '' : name.slice(0, at);
  return at > 0 && isFleet(fleet) ? { fleet, accountId: name.slice(at + FLEET_NAME_SEPARATOR.length) } : undefined;
}

/**
 * Pairings as explain and verify name them: a declared pairing, a fleet pairing's expansion
 * (`<pairing>--<uid>`) or the fleet pairing's own name (all its expansions). A name of a fleet needs the
 * fleet resolved as a full run resolves it (resolveFleet: discovery, role probes, groups by name; for
 * expansions only, the groups by name looked up in their accounts). An unknown name, a fleet that
 * expanded to no account, or an account it did not expand to: UsageError 'UnknownPairing' naming
 * `field` (the face's name for it) and, for an account left out, the run's warnings about it.
 */
export async function selectFleetPairings(
  config: NormalizedConfig,
  names: readonly string[],
  deps: ResolveFleetDeps & { readonly field?: string },
): Promise<FleetSelection> {
  const field = deps.field ?? 'pairing';
  const wanted = names.map((name) => ({ name, of: fleetOf(config, name) }));
  if (wanted.every((w) => w.of === undefined)) return { config, pairings: select(config, names, field) };
  const whole = wanted.some((w) => w.of !== undefined && w.of.accountId === undefined);
  const accounts = wanted.flatMap((w) => (w.of?.accountId === undefined ? [] : [w.of.accountId]));
  const resolution = await resolveFleet(config, whole ? deps : { ...deps, eventAccounts: new Set(accounts) });
  const resolved = resolution.config;
  const expansions = new Map((resolved.fleet ?? []).map((f) => [f.pairing, f.accounts]));
  const selected = wanted.flatMap(({ name, of }) => {
    if (of === undefined) return [name];
    const expanded = expansions.get(of.fleet) ?? [];
    const named = of.accountId === undefined ? expanded : expanded.filter((a) => a.accountId === of.accountId);
    if (named.length === 0) throw notExpanded(field, name, of, expanded, resolution.warnings);
    return named.map((a) => a.pairing);
  });
  return { config: resolved, pairings: select(resolved, [...new Set(selected)], field) };
}

/** selectPairings, its UnknownPairing naming the field */
function select(config: NormalizedConfig, names: readonly string[], field: string): NormalizedPairing[] {
  try {
    return selectPairings(config, names);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    throw new UsageError(`${field}: ${err.message}`, { code: err.code, pairing: err.pairing, cause: err });
  }
}

function notExpanded(
  field: string,
  name: string,
  of: { fleet: string; accountId?: string },
  expanded: readonly { accountId: string }[],
  warnings: readonly DirectoryWarning[],
): UsageError {
  const why = warnings.filter((w) => (of.accountId === undefined ? true : w.account === of.accountId));
  const because = why.length === 0 ? '' : `: ${why.map((w) => `${w.code}: ${w.message}`).join('; ')}`;
  const message =
    of.accountId === undefined
      ? `${field} "${name}": fleet pairing "${of.fleet}" expanded to no account${because}`
      : `${field} "${name}": fleet pairing "${of.fleet}" did not expand to account ${of.accountId} (it expanded to ${
          expanded.map((a) => a.accountId).join(', ') || 'no account'
        })${because}`;
  return new UsageError(message, { code: 'UnknownPairing', pairing: name });
}
