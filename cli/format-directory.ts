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
    const side = source?.between[f.fleetSide];
    const byName = side?.securityGroupName;
    const declared = (byName === undefined ? f.accounts : Object.values(config.accounts)).map((a) => a.alias);
    lines.push(
      `fleet pairing "${f.pairing}": side ${f.fleetSide + 1} (${fleetSideText(side)}) in every account, one pairing per account named "${f.pairing}--<account id>"`,
      `  declared accounts: ${declared.join(', ') || 'none'}`,
      ...(byName === undefined
        ? []
        : [
            `  the group named "${byName}" is looked up in each account at each run (in ${source?.region ?? config.region}): an account without one is a warning and left out; one with several is a warning and held`,
          ]),
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

function fleetSideText(side: { tags?: Record<string, string>; securityGroupName?: string } | undefined): string {
  const tags = Object.entries(side?.tags ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const name = side?.securityGroupName;
  if (name === undefined) return `instances tagged ${tags}`;
  return tags === ''
    ? `the security group named "${name}"`
    : `instances tagged ${tags}, receiving in the group named "${name}"`;
}
