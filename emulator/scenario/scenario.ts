import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { formatIssues, type Issue, type Parsed } from '../errors/issues';
import { scenarioSchema, type Scenario, type ScenarioInput } from './scenario-schema';
import { checkReferences } from './scenario-references';

export type { Scenario, ScenarioInput } from './scenario-schema';

/** A scenario that failed validation: every problem, each with the path of the field at fault. */
export class ScenarioError extends Error {
  constructor(
    readonly issues: Issue[],
    readonly source = 'scenario',
  ) {
    super(`invalid ${source}:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

/** Validates a scenario object: schema first, then references between its parts. */
export function parseScenario(input: unknown): Parsed<Scenario> {
  const r = scenarioSchema.safeParse(input ?? {});
  if (!r.success) return { ok: false, issues: formatIssues(r.error) };
  const issues = checkReferences(r.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: r.data };
}

/** Parses YAML (or JSON, a subset) text into a validated scenario. */
export function parseScenarioText(text: string): Parsed<Scenario> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const at = err.linePos?.[0];
      return {
        ok: false,
        issues: [
          { path: at ? `line ${at.line}, column ${at.col}` : '(document)', message: err.message.split('\n')[0] },
        ],
      };
    }
    throw err;
  }
  return parseScenario(doc);
}

/** Reads and validates a scenario file; throws a ScenarioError naming the file and each field at fault. */
export function loadScenarioFile(path: string): Scenario {
  const r = parseScenarioText(readFileSync(path, 'utf8'));
  if (!r.ok) throw new ScenarioError(r.issues, path);
  return r.value;
}

/** Validates (throwing ScenarioError) unless already validated. */
export function validScenario(input: ScenarioInput | Scenario): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new ScenarioError(r.issues);
  return r.value;
}
