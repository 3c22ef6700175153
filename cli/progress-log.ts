import { createLogger, type Logger } from '../shared/log';

/** Past this many accounts a run shows its progress on stderr. */
const PROGRESS_ACCOUNTS = 5;

/**
 * The CLI's logger, on stderr: every JSON line with SG_PAIRING_LOG=json; otherwise a few words
 * for what a person waits on: an endpoint that does not answer, and a run's progress past
 * 5 accounts (each write, then the plan's totals).
 */
export function progressLog(accounts = 0): Logger {
  const verbose = process.env.SG_PAIRING_LOG === 'json';
  const many = accounts > PROGRESS_ACCOUNTS;
  return createLogger((line) => {
    if (verbose) return void process.stderr.write(line + '\n');
    const text = inWords(JSON.parse(line) as Record<string, unknown>, many);
    if (text !== undefined) process.stderr.write(text + '\n');
  });
}

function inWords(r: Record<string, unknown>, many: boolean): string | undefined {
  if (r.action === 'waiting') {
    const seconds = Math.round(Number(r.waitedMs) / 1000);
    return `waiting for ${r.endpoint}: no answer for ${seconds} s (${r.requests} request(s) open; the SDK gives up at its connect or read timeout)`;
  }
  if (!many) return undefined;
  if (r.action === 'authorize' || r.action === 'revoke')
    return `${r.action} ${r.account}/${r.group}: ${r.rules} rule(s) ${r.result}${r.code ? ` (${r.code})` : ''}`;
  if (r.action === 'plan' && r.result === undefined)
    return `planned ${r.pairings} pairing(s): ${r.rulesToAdd} rule(s) to add, ${r.rulesToRevoke ?? 0} to revoke in ${r.groupsToChange} group(s)`;
  return undefined;
}
