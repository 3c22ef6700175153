import type { z } from 'zod';

/** A validation problem at a field: `{path: "securityGroups[0].rules[1].portRange", message}`. */
export interface Issue {
  path: string;
  message: string;
}

/** A user-input validation result: the value, or every problem found (never only the first). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** zod issues as Issues, one per unknown key. */
export function formatIssues(error: z.ZodError, prefix = ''): Issue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ path: formatPath([...issue.path, k], prefix), message: 'unknown key' }));
    }
    return [{ path: formatPath(issue.path, prefix) || '(root)', message: issue.message }];
  });
}
