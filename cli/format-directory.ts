import type { NormalizedConfig } from '../shared/config';
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

/** What `validate` says of each fleet side: where it applies now, and where it will once accounts are discovered. */
export function explainFleet(config: NormalizedConfig): string[] {
  const lines: string[] = [];
  const directory = config.directory;
  for (const f of config.fleet ?? []) {
    const source = config.source?.pairings.find((p) => p.name === f.pairing);
    const tags = Object.entries(source?.between[f.fleetSide]?.tags ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    const declared = f.accounts.map((a) => a.alias).join(', ') || 'none';
    lines.push(
      `fleet pairing "${f.pairing}": side ${f.fleetSide + 1} (instances tagged ${tags}) in every account, one pairing per account named "${f.pairing}--<account id>"`,
      `  declared accounts: ${declared}`,
      directory === undefined
        ? '  no resourceDirectory: the declared accounts only'
        : `  plus, at each run, the active members of the Resource Directory${directory.folderIds === undefined ? '' : ` in ${directory.folderIds.join(', ')}`}${
            directory.tags === undefined
              ? ''
              : ` tagged ${Object.entries(directory.tags)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(', ')}`
          }, through role ${directory.roleName}${directory.externalId === undefined ? '' : ' (with the directory ExternalId)'}; one whose role cannot be assumed is a warning; \`plan\` lists them`,
    );
  }
  return lines;
}
