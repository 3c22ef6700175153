import { isSgPairingError } from '../shared/errors';
import { selectFleetPairings } from '../shared/directory';
import { formatVerifyReport, verifyPairing, type VerifyReport } from '../shared/verify';
import { createRuntime } from '../shared/function-host';
import { loadConfigOrReport, parseFlags, useColor } from './common-options';
import { progressLog } from './progress-log';
import { watchSlowEndpoints } from './slow-endpoint-watch';

const help = `Usage: sg-pairing verify PAIRING [--config FILE] [--json] [--poll-interval-ms N] [--max-wait-ms N]

PAIRING: a pairing, an expansion of a fleet pairing as plan lists it (<pairing>--<account id>), or a
fleet pairing's own name: each of its expansions in turn (--json: an array).

Probes the pairing through ECS Cloud Assistant (InvokeCommand of the account's fixed verify
command: verifyCommandId, else found by name or created once), in each direction from one instance
of the sending side (the instance, or the first Running member of a group or tag side) to the
receiving one's private IP: \`ping -c 3\` for all/icmp pairings, a TCP connect to the first port
for tcp ones (udp is not probed). Waits for the results (polling DescribeInvocationResults),
then reports each direction reachable or not, with the explain diagnosis when it is not. Run it
a minute after an apply, once the rules are in effect. Running it here is the opt-in: the
pairing needs no \`verify: true\` (the HTTP face does).

Exit 0 when every direction is reachable, 2 when one is not (or could not be probed), 1 on error.

  -c, --config FILE          pairings file (default pairings.yaml)
      --json                 the report as JSON on stdout
      --poll-interval-ms N   between two result polls (default 2000)
      --max-wait-ms N        longest wait for a probe's result (default 60000)
  -h, --help                 this help`;

export async function runVerifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    config: { type: 'string', short: 'c', default: 'pairings.yaml' },
    json: { type: 'boolean', default: false },
    'poll-interval-ms': { type: 'string', default: '2000' },
    'max-wait-ms': { type: 'string', default: '60000' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  if (positionals.length !== 1)
    return (void process.stderr.write(`sg-pairing verify: name one pairing\n\n${help}\n`), 1);
  const pollIntervalMs = Number(values['poll-interval-ms']);
  const maxWaitMs = Number(values['max-wait-ms']);
  if (!Number.isInteger(pollIntervalMs) || pollIntervalMs < 1 || !Number.isInteger(maxWaitMs) || maxWaitMs < 1) {
    return (
      void process.stderr.write(
        'sg-pairing verify: --poll-interval-ms and --max-wait-ms take a whole number of milliseconds\n',
      ),
      1
    );
  }
  const config = await loadConfigOrReport(values.config, { command: 'verify', json: values.json });
  if (!config) return 1;
  const runtime = createRuntime(config.region, { kind: 'default-chain' });
  const log = progressLog();
  const stopWatching = watchSlowEndpoints(log);
  try {
    const selection = await selectFleetPairings(config, positionals, {
      ...runtime.reconcileDeps(log),
      field: 'PAIRING',
    });
    const reports: VerifyReport[] = [];
    for (const pairing of selection.pairings)
      reports.push(
        await verifyPairing(
          selection.config,
          pairing.name,
          { ...runtime.cloudAccess(selection.config), log },
          { pollIntervalMs, maxWaitMs },
        ),
      );
    const single = reports.length === 1 && selection.pairings[0]?.name === positionals[0];
    const color = useColor();
    process.stdout.write(
      values.json
        ? `${JSON.stringify(single ? reports[0] : reports, null, 2)}\n`
        : reports.map((r) => formatVerifyReport(r, color)).join('\n'),
    );
    return reports.every((r) => r.reachable) ? 0 : 2;
  } catch (err) {
    if (isSgPairingError(err) && err.code === 'UnknownPairing')
      return (void process.stderr.write(`sg-pairing verify: ${err.message}\n`), 1);
    throw err;
  } finally {
    stopWatching();
  }
}
