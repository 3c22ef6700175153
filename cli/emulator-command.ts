/**
 * `sg-pairing emulator`: runs the local Alibaba Cloud emulator (ECS, STS, FC 3.0) until SIGINT or
 * SIGTERM. The real SDKs talk to it with `endpoint: 127.0.0.1:<port>, protocol: 'http'`.
 */
import { loadScenarioFile, ScenarioError, startEmulator, type Scenario } from '../emulator';
import { isCommandLineError } from './command-line-error';
import { fileProblem } from './file-problem';
import { parseFlags } from './parse-flags';
import { untilStopped } from './until-stopped';

const HELP = `Usage: sg-pairing emulator [--port N] [--scenario file.yaml] [--push-url URL] [--host H] [--call-log N]

Starts the local ECS / STS / FC 3.0 emulator and keeps it running until Ctrl-C (SIGINT) or SIGTERM.
Exit 0 once stopped, 1 on a usage error, an unreadable or invalid scenario, or a port in use.

Options:
  --port N          port to listen on (default 18080; 0 picks a free one)
  --scenario FILE   YAML/JSON scenario seeding accounts, keys, roles, VPCs, groups, instances
                    (example: examples/seed-scenario.yaml)
  --push-url URL    POST every emitted CloudEvent as JSON to URL (fire and forget)
  --host H          address to bind (default 127.0.0.1)
  --call-log N      keep the last N calls for GET /_emulator/calls (default 50000)
  -h, --help        show this help

Control API (unsigned): GET /_emulator/state | calls | events | faults,
POST /_emulator/faults | reset | scenario, DELETE /_emulator/faults.`;

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** stops the emulator when aborted (tests); SIGINT/SIGTERM always do */
  signal?: AbortSignal;
}

const processIo: CommandIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

interface EmulatorOptions {
  port: number;
  host: string;
  scenarioFile?: string;
  pushUrl?: string;
  callLogLimit?: number;
}

/** A step's outcome: its value, or the exit code to stop with (the help was printed, or why it cannot go on). */
type Step<T> = { ok: true; value: T } | { ok: false; exit: number };

export async function runEmulatorCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  const options = parseOptions(argv, io);
  if (!options.ok) return options.exit;
  const scenario = readScenario(options.value.scenarioFile, io);
  if (!scenario.ok) return scenario.exit;
  const { port, host, pushUrl, callLogLimit } = options.value;
  let running;
  try {
    running = await startEmulator({ port, host, scenario: scenario.value, pushUrl, callLogLimit });
  } catch (err) {
    io.err(`sg-pairing emulator: cannot listen on port ${port}: ${(err as Error).message}`);
    return 1;
  }
  io.out(`listening on ${running.url}`);
  await untilStopped(io.signal);
  await running.close();
  io.out('emulator stopped');
  return 0;
}

/** The flags, checked; a usage error exits 1 like every other command's. */
function parseOptions(argv: string[], io: CommandIo): Step<EmulatorOptions> {
  const usage = (message: string): Step<EmulatorOptions> => {
    io.err(`sg-pairing emulator: ${message}\n\n${HELP}`);
    return { ok: false, exit: 1 };
  };
  let values;
  try {
    ({ values } = parseFlags(
      argv,
      {
        port: { type: 'string' },
        scenario: { type: 'string' },
        'push-url': { type: 'string' },
        host: { type: 'string' },
        'call-log': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      { positionals: false },
    ));
  } catch (err) {
    if (isCommandLineError(err)) return usage(err.message);
    throw err;
  }
  if (values.help) return (io.out(HELP), { ok: false, exit: 0 });
  const port = Number(values.port ?? '18080');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return usage(`--port must be an integer 0..65535, got "${values.port}"`);
  const pushUrl = values['push-url'];
  if (pushUrl !== undefined && !URL.canParse(pushUrl)) return usage(`--push-url must be a URL, got "${pushUrl}"`);
  const callLogLimit = values['call-log'] === undefined ? undefined : Number(values['call-log']);
  if (callLogLimit !== undefined && !(Number.isInteger(callLogLimit) && callLogLimit > 0))
    return usage(`--call-log must be a positive integer, got "${values['call-log']}"`);
  return {
    ok: true,
    value: { port, host: values.host ?? '127.0.0.1', scenarioFile: values.scenario, pushUrl, callLogLimit },
  };
}

function readScenario(file: string | undefined, io: CommandIo): Step<Scenario | undefined> {
  if (!file) return { ok: true, value: undefined };
  try {
    return { ok: true, value: loadScenarioFile(file) };
  } catch (err) {
    io.err(
      err instanceof ScenarioError ? err.message : `sg-pairing emulator: cannot read ${file}: ${fileProblem(err)}`,
    );
    return { ok: false, exit: 1 };
  }
}
