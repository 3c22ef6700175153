import { isSgPairingError } from '../shared/errors';
import { isCommandLineError } from './command-line-error';

/**
 * What a command threw, as the user reads it, exit 1. A bad command line names the option and
 * points at the command's help. A known terminal failure (an unknown pairing, an invalid
 * environment variable) is its message; with --json it is also a JSON error object on stdout, so
 * a script always gets JSON. Anything else is rethrown: the bin prints its message.
 */
export function reportFailure(err: unknown, command: string, argv: readonly string[]): number {
  if (isCommandLineError(err)) {
    process.stderr.write(`sg-pairing ${command}: ${err.message}\nRun 'sg-pairing help ${command}' for its options.\n`);
    return 1;
  }
  if (isSgPairingError(err) && !err.retryable) {
    if (argv.includes('--json')) {
      const error = { code: err.code, message: err.message };
      process.stdout.write(`${JSON.stringify({ ok: false, error }, null, 2)}\n`);
    }
    process.stderr.write(`sg-pairing ${command}: ${err.message}\n`);
    return 1;
  }
  throw err;
}
