import type { z } from 'zod';
import { configError, formatPath, joinPath, type Diagnostic } from './diagnostic';

/** Turns zod issues into diagnostics: one per problem, one per unknown key. */
export function schemaDiagnostics(issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  return issues.flatMap((issue) => {
    const path = formatPath(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => configError('UnknownKey', joinPath(path, key), `unknown key "${key}"`));
      case 'invalid_type':
        return [configError(issue.input === undefined ? 'MissingKey' : 'InvalidType', path, issue.message)];
      case 'invalid_value':
        return [configError('InvalidValue', path, describeInvalidValue(issue))];
      case 'too_small':
      case 'too_big':
        return [configError('OutOfRange', path, issue.message)];
      default:
        return [configError('InvalidValue', path, issue.message)];
    }
  });
}

function describeInvalidValue(issue: z.core.$ZodIssueInvalidValue): string {
  const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
  return `must be one of ${allowed}, got ${JSON.stringify(issue.input) ?? 'nothing'}`;
}
