/**
 * The command-line face: dispatches a subcommand to its module. Each module parses its own flags
 * and returns the process exit code; no business logic lives here. What a command throws for bad
 * input (an unknown option, an unknown pairing) is reported here, in one voice, with exit 1.
 */
import { commands } from './commands';
import { reportFailure } from './report-failure';
import { version } from './version';

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: sg-pairing <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'sg-pairing help <command>' (or 'sg-pairing <command> --help') for a command's options,",
    "'sg-pairing --version' for the version.",
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') return (void process.stdout.write(`sg-pairing ${version()}\n`), 0);
  if (first === 'help' && rest.length > 0) return main([rest[0], '--help']);
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(usage() + '\n');
    return first === undefined ? 1 : 0;
  }
  const command = Object.hasOwn(commands, first) ? commands[first] : undefined;
  if (!command) {
    process.stderr.write(`sg-pairing: unknown command "${first}"\n\n${usage()}\n`);
    return 1;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    return reportFailure(err, first, rest);
  }
}
