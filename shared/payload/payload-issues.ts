import type { z } from 'zod';

/** One problem of a payload, at its place: `pairings[0]`, `shard`, or '' for the payload as a whole. */
export interface PayloadIssue {
  readonly path: string;
  readonly message: string;
}

/** How a face words the issues its callers read (the HTTP API's, say); the schema's own words otherwise. */
export interface IssueWording {
  /** what an unknown key is called: `unknown field "x"`, `unknown query parameter "x"` */
  readonly unknownKey?: string;
  /** what a value of the wrong type must be, e.g. `pairings must be an array of pairing names` */
  readonly mustBe?: (path: string, expected: string) => string;
}

/** `pairings[0].name`: the place as a caller would write it. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n === 0 ? '' : '.'}${String(p)}`)).join('');
}

/** Every problem at once, each naming its place; one per unknown key. */
export function payloadIssues(error: z.ZodError, wording: IssueWording = {}): PayloadIssue[] {
  return error.issues.flatMap((i): PayloadIssue[] => {
    const path = issuePath(i.path);
    if (i.code === 'unrecognized_keys' && wording.unknownKey !== undefined)
      return i.keys.map((k) => ({ path: path ? `${path}.${k}` : k, message: `unknown ${wording.unknownKey} "${k}"` }));
    if (i.code === 'invalid_type' && wording.mustBe) return [{ path, message: wording.mustBe(path, i.expected) }];
    return [{ path, message: `${path || '(root)'}: ${i.message}` }];
  });
}

export function describeIssues(issues: readonly PayloadIssue[]): string {
  return issues.map((i) => i.message).join('; ');
}
