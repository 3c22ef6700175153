import { formatDiagnostics, type Diagnostic } from '../shared/config';

/** Paths named after "… and N more" before the list is cut short. */
const PATHS_SHOWN = 3;

/**
 * Config diagnostics for a terminal: one line per distinct problem (severity, code, message), the
 * first place it occurs, then "… and N more" with the next few places. 250 pairings with the same
 * typo are two lines, not 250; the JSON output keeps every diagnostic.
 */
export function formatGroupedDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = JSON.stringify([d.severity, d.code, d.message]);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()]
    .flatMap(([first, ...rest]) =>
      rest.length === 0 ? [formatDiagnostics([first])] : [formatDiagnostics([first]), more(rest)],
    )
    .join('\n');
}

function more(rest: readonly Diagnostic[]): string {
  const shown = rest.slice(0, PATHS_SHOWN).map((d) => d.path || '(root)');
  return `  … and ${rest.length} more (${shown.join(', ')}${rest.length > PATHS_SHOWN ? ', …' : ''})`;
}
