import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CommandLineError } from './command-line-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses flags strictly. Node's own parse errors (their text tells how to pass a positional that
 * starts with '-') become a CommandLineError naming the option, with the nearest known one.
 * `positionals: false` refuses any argument that is not an option.
 */
export function parseFlags<O extends Options>(argv: string[], options: O, settings: { positionals?: boolean } = {}) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: settings.positionals ?? true });
  } catch (err) {
    throw inHouseWords(err, options);
  }
}

function inHouseWords(err: unknown, options: Options): unknown {
  const code = (err as { code?: string }).code;
  const quoted = /'([^']+)'/.exec((err as Error).message ?? '')?.[1] ?? '';
  const flag =
    quoted
      .split(/[ ,]/)
      .filter((part) => part.startsWith('-'))
      .at(-1) ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const near = nearestOption(flag, options);
      return new CommandLineError('UnknownOption', `unknown option ${flag}${near ? ` (did you mean ${near}?)` : ''}`);
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test((err as Error).message)
        ? new CommandLineError('UnexpectedOptionValue', `${flag} takes no value`)
        : new CommandLineError('MissingOptionValue', `${flag} needs a value`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new CommandLineError(
        'UnexpectedArgument',
        `unexpected argument "${quoted}": this command takes options only`,
      );
    default:
      return err;
  }
}

/** The known long option within two edits of a mistyped one, e.g. --confg -> --config. */
function nearestOption(given: string, options: Options): string | undefined {
  const typed = given.replace(/^-+/, '');
  let best: { name: string; distance: number } | undefined;
  for (const name of Object.keys(options)) {
    const distance = editDistance(typed, name);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best && `--${best.name}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
