/**
 * `sg-pairing emulator`: runs the local Alibaba Cloud emulator (ECS, STS, FC 3.0) until SIGINT or
 * SIGTERM. The real SDKs talk to it with `endpoint: 127.0.0.1:<port>, protocol: 'http'`.
 */
import { parseArgs } from 'node:util';
import { loadScenarioFile, ScenarioError, startEmulator, type Scenario } from '../emulator';

const HELP = `Usage: sg-pairing emulator [--port N] [--scenario file.yaml] [--push-url URL] [--host H]

Starts the local ECS / STS / FC 3.0 emulator and keeps it running until Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port N          port to listen on (default 18080; 0 picks a free one)
  --scenario FILE   YAML/JSON scenario seeding accounts, keys, roles, VPCs, groups, instances
                    (example: examples/seed-scenario.yaml)
  --push-url URL    POST every emitted CloudEvent as JSON to URL (fire and forget)
  --host H          address to bind (default 127.0.0.1)
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

export async function runEmulatorCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  let values: { port?: string; scenario?: string; 'push-url'?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        scenario: { type: 'string' },
        'push-url': { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    io.err(`sg-pairing emulator: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const port = Number(values.port ?? '18080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`sg-pairing emulator: --port must be an integer 0..65535, got "${values.port}"`);
    return 2;
  }
  if (values['push-url'] !== undefined && !URL.canParse(values['push-url'])) {
    io.err(`sg-pairing emulator: --push-url must be a URL, got "${values['push-url']}"`);
    return 2;
  }

  let scenario: Scenario | undefined;
  if (values.scenario) {
    try {
      scenario = loadScenarioFile(values.scenario);
    } catch (err) {
      io.err(
        err instanceof ScenarioError
          ? err.message
          : `sg-pairing emulator: cannot read ${values.scenario}: ${(err as Error).message}`,
      );
      return 1;
    }
  }

  let running;
  try {
    running = await startEmulator({ port, host: values.host ?? '127.0.0.1', scenario, pushUrl: values['push-url'] });
  } catch (err) {
    io.err(`sg-pairing emulator: cannot listen on port ${port}: ${(err as Error).message}`);
    return 1;
  }
  io.out(`listening on ${running.url}`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop);
  });
  await running.close();
  io.out('emulator stopped');
  return 0;
}
