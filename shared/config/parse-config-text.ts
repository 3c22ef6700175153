import { parseDocument } from 'yaml';
import { RawConfigSchema } from './config-schema';
import { runConfigChecks } from './checks';
import { configError, configWarning, hasErrors, type Diagnostic } from './diagnostic';
import { readLooseConfig } from './loose-config';
import { normalizeConfig, type NormalizedConfig } from './normalized-config';
import { schemaDiagnostics } from './schema-diagnostics';

export type ParseConfigResult =
  | { readonly ok: true; readonly config: NormalizedConfig; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * YAML text -> normalized config, or every problem at once: YAML syntax errors first (then nothing
 * else is checked), else the schema's issues followed by every semantic check's findings.
 */
export function parseConfigText(text: string, sourceName: string): ParseConfigResult {
  const document = parseDocument(text, { uniqueKeys: true });
  const syntax = document.errors.map((e) => configError('YamlSyntax', '', `${sourceName}: ${firstLine(e.message)}`));
  if (syntax.length > 0) return { ok: false, diagnostics: syntax };
  const yamlWarnings = document.warnings.map((w) =>
    configWarning('YamlWarning', '', `${sourceName}: ${firstLine(w.message)}`),
  );

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, diagnostics: [configError('YamlSyntax', '', `${sourceName}: ${firstLine(reason)}`)] };
  }
  if (value === null || value === undefined) {
    return { ok: false, diagnostics: [configError('EmptyConfig', '', `${sourceName} is empty`)] };
  }
  const parsed = RawConfigSchema.safeParse(value, { reportInput: true });
  const diagnostics = [
    ...yamlWarnings,
    ...(parsed.success ? [] : schemaDiagnostics(parsed.error.issues)),
    ...runConfigChecks(readLooseConfig(value)),
  ];
  if (!parsed.success || hasErrors(diagnostics)) return { ok: false, diagnostics };
  return { ok: true, config: normalizeConfig(parsed.data), warnings: diagnostics };
}

/** yaml's pretty message is "<what> at line L, column C:\n<excerpt>"; keep the first line. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/:$/, '');
}
