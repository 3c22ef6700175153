/** One problem found in a config file, pointing at the place: `pairings[1].between[0].account`. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** stable CamelCase token, e.g. 'UnknownAccountAlias'; tests branch on it, never on the message */
  readonly code: string;
  /** where in the document: `pairings[1].ports`, `accounts.a.id`; '' for the whole document */
  readonly path: string;
  readonly message: string;
}

export function configError(code: string, path: string, message: string): Diagnostic {
  return { severity: 'error', code, path, message };
}

export function configWarning(code: string, path: string, message: string): Diagnostic {
  return { severity: 'warning', code, path, message };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Appends one segment to a path: a number as `[i]`, a plain key as `.key`, an odd key as `["a b"]`. */
export function joinPath(base: string, segment: string | number): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) return base === '' ? segment : `${base}.${segment}`;
  return `${base}[${JSON.stringify(segment)}]`;
}

export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((path, s) => joinPath(path, typeof s === 'number' ? s : String(s)), '');
}

/** One line per diagnostic, `path: message` (warnings say so); the whole document is `(root)`. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.path === '' ? '(root)' : d.path}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`)
    .join('\n');
}
