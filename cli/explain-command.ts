import { isSgPairingError } from '../shared/errors';
import { explainPairing, formatExplanation, readExplainState } from '../shared/explain';
import { selectFleetPairings } from '../shared/directory';
import { createRuntime } from '../shared/function-host';
import { loadConfigOrReport, parseFlags } from './common-options';
import { progressLog } from './progress-log';
import { watchSlowEndpoints } from './slow-endpoint-watch';

const help = `Usage: sg-pairing explain PAIRING [--config FILE] [--json]

PAIRING: a pairing, an expansion of a fleet pairing as plan lists it (<pairing>--<account id>), or a
fleet pairing's own name: each of its expansions in turn (--json: an array).

Says, for each direction of the pairing, whether its traffic gets into the receiving instance:
the ingress rules of ALL its security groups merged, by priority (drop wins at equal priority),
InnerAccessPolicy where both ends share a group, the pairing's protocol and ports against each
rule's, the source's address or group membership against each rule's source. Names the deciding
rule (id, group, priority, policy). Then the network prerequisites no security group provides:
one region; one VPC, or CEN, peering or VPN between two. A group or tag side is represented by
its first Running instance. Reads the cloud (one small read), changes nothing.

Exit 0 when every direction is allowed and every network prerequisite is met; 2 when a direction
is blocked or unknown, or a prerequisite is not known to be met (two VPCs, whose CEN, peering or
VPN sg-pairing cannot see: VpcConnectionNeeded); 1 on error.

  -c, --config FILE     pairings file (default pairings.yaml)
      --json            the explanation as JSON on stdout
  -h, --help            this help`;

export async function runExplainCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    config: { type: 'string', short: 'c', default: 'pairings.yaml' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  if (positionals.length !== 1)
    return (void process.stderr.write(`sg-pairing explain: name one pairing\n\n${help}\n`), 1);
  const config = await loadConfigOrReport(values.config, { command: 'explain', json: values.json });
  if (!config) return 1;
  const runtime = createRuntime(config.region, { kind: 'default-chain' });
  const log = progressLog();
  let selection;
  try {
    selection = await selectFleetPairings(config, positionals, { ...runtime.reconcileDeps(log), field: 'PAIRING' });
  } catch (err) {
    if (isSgPairingError(err)) return (void process.stderr.write(`sg-pairing explain: ${err.message}\n`), 1);
    throw err;
  }
  const resolved = selection.config;
  const stopWatching = watchSlowEndpoints(log);
  const explanations = [];
  try {
    for (const pairing of selection.pairings) {
      const state = await readExplainState(pairing, runtime.cloudAccess(resolved));
      explanations.push(explainPairing(resolved, pairing, state));
    }
  } finally {
    stopWatching();
  }
  const single = explanations.length === 1 && selection.pairings[0]?.name === positionals[0];
  const json = single ? explanations[0] : explanations;
  process.stdout.write(
    values.json ? `${JSON.stringify(json, null, 2)}\n` : explanations.map(formatExplanation).join('\n'),
  );
  return explanations.every((e) => e.allowed) ? 0 : 2;
}
