import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeBootstrap } from '../shared/bootstrap';
import { logProjectPattern } from '../shared/iam';
import { loadConfigOrReport, parseFlags } from './common-options';

const help = `Usage: sg-pairing bootstrap --config FILE --hub-account UID --out DIR [--log-project NAME]

Writes the ROS templates that roll sg-pairing out to a hub and every member account, generated from
the same RAM documents as \`sg-pairing iam\`:
  DIR/member.ros.yaml  one template for every member (a service-managed StackGroup with automatic
                       deployment): the role the hub assumes, its least-privilege policy for that
                       account (selected by ALIYUN::AccountId), the ECS event route to the hub
  DIR/hub.ros.yaml     the hub's role, the event bus and its rules to instance-events, the members'
                       delivery role, the dead-letter queue, the functions' log project and logstore
  DIR/README.md        what each creates, and the aliyun CLI commands to create them
Exit 0, or 1 when the config or an option is invalid.

  -c, --config FILE       pairings file (default pairings.yaml)
      --hub-account UID   the hub account (where the functions run)
      --out DIR           where to write the three files (created if missing)
      --log-project NAME  the SLS project hub.ros.yaml creates for the functions' logs (default
                          sg-pairing-<hub account>); deploy with SG_PAIRING_LOG_PROJECT set to it
  -h, --help              this help`;

export async function runBootstrapCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      config: { type: 'string', short: 'c', default: 'pairings.yaml' },
      'hub-account': { type: 'string' },
      out: { type: 'string' },
      'log-project': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    { positionals: false },
  );
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const problem = optionProblem(values);
  if (problem) return (void process.stderr.write(`sg-pairing bootstrap: ${problem}\n`), 1);
  const config = await loadConfigOrReport(values.config, { command: 'bootstrap' });
  if (!config) return 1;
  const result = computeBootstrap(config, {
    hubAccountId: values['hub-account']!,
    ...(values['log-project'] === undefined ? {} : { logProject: values['log-project'] }),
  });
  await mkdir(values.out!, { recursive: true });
  for (const [name, text] of Object.entries(result.files)) await writeFile(join(values.out!, name), text, 'utf8');
  for (const w of result.warnings) process.stderr.write(`warning: ${w.code}: ${w.message}\n`);
  process.stdout.write(
    `wrote ${Object.keys(result.files)
      .map((n) => join(values.out!, n))
      .join(', ')} (${result.plan.accounts.length} declared accounts)\n`,
  );
  return 0;
}

function optionProblem(values: { 'hub-account'?: string; out?: string; 'log-project'?: string }) {
  const hub = values['hub-account'];
  if (hub === undefined) return '--hub-account UID is required';
  if (!/^[0-9]{1,20}$/.test(hub)) return `--hub-account must be an account UID (digits), got "${hub}"`;
  if (values.out === undefined || values.out === '') return '--out DIR is required';
  const project = values['log-project'];
  if (project !== undefined && !logProjectPattern.test(project))
    return `the log project must be an SLS project name (3 to 63 of a-z, 0-9 and -), got "${project}"`;
  return undefined;
}
