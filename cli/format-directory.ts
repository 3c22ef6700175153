import type { RunReport } from '../shared/reconcile';

/** What `plan` and `apply` print for fleet sides: the accounts each expanded to, the discovered ones, the warnings. */
export function formatDirectory(directory: RunReport['directory']): string[] {
  if (directory === undefined) return [];
  const lines = ['Fleet sides (account "*"):'];
  for (const f of directory.fleet)
    lines.push(
      `  ${f.pairing}: ${f.accounts.length} account(s)${f.accounts.length > 0 ? `: ${f.accounts.join(', ')}` : ''}`,
    );
  if (directory.discovered.length > 0)
    lines.push(`  discovered in the Resource Directory: ${directory.discovered.join(', ')}`);
  for (const w of directory.warnings) lines.push(`  warning ${w.code}: ${w.message}`);
  return lines;
}
