/**
 * `sg-pairing invoke <function> --event FILE`: runs one deployed handler in this process with an
 * FC-like context and prints what it returns, the way `s invoke` shows a remote result.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FcContext } from '../shared/function-host';
import { forgetFunctionConfig, forgetFunctionRuntime } from '../shared/function-host';
import { isSgPairingError } from '../shared/errors';
import { parseFlags } from './common-options';
import { fileProblem } from './file-problem';
import { deployedName, FUNCTION_NAMES, localFcContext, useConfigFile, type FunctionName } from './fc-context';

const help = `Usage: sg-pairing invoke <function> --event FILE [--config FILE]

Runs a function's handler in-process with an FC-like context (a fresh request id, the function's
name, credentials from ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN, else the default
chain) and prints its result on stdout: JSON for an object, raw bytes for a Buffer. The handler's
log lines go to stderr. Exit 0 when the handler returns, 1 when it throws (the error's code and
message on stderr, never a stack).

Functions: ${FUNCTION_NAMES.join(', ')} (or their deployed names, sg-pairing-<function>)

  -e, --event FILE   the event to hand the handler, as FC would (a file; "-" reads stdin)
  -c, --config FILE  pairings file (default: SG_PAIRING_CONFIG, else SG_PAIRING_CONFIG_FILE, else pairings.yaml)
  -h, --help         this help

SG_PAIRING_*_ENDPOINT variables point the SDKs elsewhere (e.g. the emulator).`;

export type FunctionHandler = (event: Buffer, context: FcContext) => unknown;

export interface InvokeIo {
  out: (text: string) => void;
  err: (line: string) => void;
  /** loads functions/<name>/index (lazily: a function not written yet only fails when invoked) */
  load?: (name: FunctionName) => Promise<unknown>;
  readStdin?: () => Buffer;
  /** where the handler's log lines (FC's stdout) go; stderr by default, so stdout is the result only */
  log?: (text: string) => void;
}

/**
 * Static requires, run on first use: a checkout's tsx hook compiles the handler then, and the compiled CLI
 * bundles all four (a path computed at run time would point outside the bundle).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const FUNCTION_MODULES: Record<FunctionName, () => unknown> = {
  'http-api': () => require('../functions/http-api'),
  'instance-events': () => require('../functions/instance-events'),
  'scheduled-reconcile': () => require('../functions/scheduled-reconcile'),
  'reconcile-worker': () => require('../functions/reconcile-worker'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
const requireFunction = async (name: FunctionName): Promise<unknown> => FUNCTION_MODULES[name]();

const processIo: InvokeIo = {
  out: (text) => process.stdout.write(text),
  err: (line) => process.stderr.write(line + '\n'),
};

export async function runInvokeCommand(argv: string[], io: InvokeIo = processIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    event: { type: 'string', short: 'e' },
    config: { type: 'string', short: 'c' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return (io.out(help + '\n'), 0);
  const name = functionName(positionals[0]);
  if (!name || positionals.length !== 1) {
    io.err(
      `sg-pairing invoke: name one function: ${FUNCTION_NAMES.join(', ')}${positionals.length ? ` (got "${positionals.join(' ')}")` : ''}`,
    );
    return 1;
  }
  if (values.event === undefined) {
    io.err('sg-pairing invoke: --event FILE is required (the event FC would hand the function)');
    return 1;
  }
  let event: Buffer;
  try {
    event = values.event === '-' ? (io.readStdin ?? (() => readFileSync(0)))() : readFileSync(values.event);
  } catch (err) {
    io.err(`sg-pairing invoke: cannot read ${values.event}: ${fileProblem(err)}`);
    return 1;
  }
  useConfigFile(values.config && resolve(values.config));
  forgetFunctionConfig();
  forgetFunctionRuntime();

  let handler: FunctionHandler;
  try {
    handler = handlerOf(await (io.load ?? requireFunction)(name), name);
  } catch (err) {
    io.err(
      `sg-pairing invoke: ${isMissingFunction(err, name) ? `functions/${name}/index.ts does not exist (yet)` : (err as Error).message}`,
    );
    return 1;
  }
  try {
    const result = await logsTo(io.log ?? ((text) => process.stderr.write(text)), () =>
      handler(event, localFcContext(name)),
    );
    io.out(formatResult(result));
    return 0;
  } catch (err) {
    const e = isSgPairingError(err)
      ? err.toJSON()
      : { name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) };
    io.err(`sg-pairing invoke: ${deployedName(name)} failed: ${JSON.stringify(e)}`);
    return 1;
  }
}

/** The handler logs on stdout as in FC; here those lines go to `sink` while it runs. */
async function logsTo<T>(sink: (text: string) => void, run: () => T): Promise<Awaited<T>> {
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => (
    sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
    true
  )) as typeof process.stdout.write;
  try {
    return await run();
  } finally {
    process.stdout.write = write;
  }
}

function functionName(given: string | undefined): FunctionName | undefined {
  const bare = given?.replace(/^sg-pairing-/, '');
  return FUNCTION_NAMES.find((n) => n === bare);
}

function handlerOf(module: unknown, name: FunctionName): FunctionHandler {
  const handler = (module as { handler?: unknown } | undefined)?.handler;
  if (typeof handler !== 'function')
    throw new Error(`functions/${name}/index.ts does not export handler(event, context)`);
  return handler as FunctionHandler;
}

/** A missing functions/<name>/index.ts is "not written yet", not a crash. */
function isMissingFunction(err: unknown, name: string): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'MODULE_NOT_FOUND' && String(e.message).includes(`functions/${name}/index`);
}

function formatResult(result: unknown): string {
  if (result === undefined) return '';
  if (Buffer.isBuffer(result)) return result.toString('utf8');
  if (typeof result === 'string') return result.endsWith('\n') ? result : result + '\n';
  return JSON.stringify(result, null, 2) + '\n';
}
