/** The block reasons that mean "a change limit refused this", and the setting a user raises for each. */
const limitSettings: Readonly<Record<string, string>> = {
  MaxChangesExceeded: 'maxChangesPerRun',
  MaxChangesPerRunTotalExceeded: 'maxChangesPerRunTotal',
};

/**
 * Pure: the change-limit settings that refused something (sorted, once each), from the reasons of the
 * blocked pairings and of the plan's refusal.
 */
export function refusedSettings(blockReasons: readonly (string | undefined)[], refusal?: string): string[] {
  const settings = [...blockReasons, refusal].map((r) => (r === undefined ? undefined : limitSettings[r]));
  return [...new Set(settings.filter((s): s is string => s !== undefined))].sort();
}
