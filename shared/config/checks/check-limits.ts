import { configWarning, joinPath, type Diagnostic } from '../diagnostic';
import type { LooseConfig } from '../loose-config';

/** `maxMembers` bounds a group or tag side; an instance side has one member, so it is ignored there. */
export function checkMaxMembersOnInstance(config: LooseConfig): Diagnostic[] {
  return config.pairings.flatMap((p) =>
    (p.sides ?? [])
      .filter((s) => s.instance !== undefined && s.maxMembers !== undefined)
      .map((s) =>
        configWarning(
          'MaxMembersIgnored',
          joinPath(s.path, 'maxMembers'),
          'maxMembers bounds a group or tag side; an instance side is one instance, so it is ignored here',
        ),
      ),
  );
}

/** A per-pairing limit above the run-wide ceiling never decides anything: the ceiling does. */
export function checkChangeLimits(config: LooseConfig): Diagnostic[] {
  const { maxChangesPerRun: perPairing, maxChangesPerRunTotal: total } = config;
  if (perPairing === undefined || total === undefined || perPairing <= total) return [];
  return [
    configWarning(
      'MaxChangesPerRunOverTotal',
      'maxChangesPerRun',
      `maxChangesPerRun (${perPairing}, per pairing) is above maxChangesPerRunTotal (${total}, the whole run): a pairing past the ceiling has its additions refused by the ceiling, with every other pairing's`,
    ),
  ];
}
