/**
 * A command line the CLI cannot run: an unknown option, an option without its value, an argument
 * the command does not take. `main` prints it in the house's words and exits 1.
 */
export type CommandLineErrorCode =
  'UnknownOption' | 'MissingOptionValue' | 'UnexpectedOptionValue' | 'UnexpectedArgument';

export class CommandLineError extends Error {
  override readonly name = 'CommandLineError';
  constructor(
    readonly code: CommandLineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isCommandLineError(value: unknown): value is CommandLineError {
  return value instanceof CommandLineError;
}
