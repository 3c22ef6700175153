import { roleArnPattern } from '../shared/config/patterns';
import { HUB_ROLE_PLACEHOLDER } from '../shared/deployed-names';
import {
  computeIamPlan,
  formatIamPlan,
  LOG_PROJECT_PLACEHOLDER,
  logProjectPattern,
  logStorePattern,
  type IamOptions,
} from '../shared/iam';
import { eventBusFromEnv, historyLocationFromEnv } from '../shared/history';
import { loadConfigOrReport, parseFlags } from './common-options';

const help = `Usage: sg-pairing iam [--config FILE] [--json] [--hub-role-arn ARN]

Prints the RAM documents a deployment needs: for each declared account, the trust policy of its
role (trusting the hub function's role, with the ExternalId condition when configured) and a
least-privilege permission policy (only the ECS actions sg-pairing calls, writes scoped to the
declared security groups); and the hub role's own policies (sts:AssumeRole on exactly the declared
roles, fc:InvokeFunction on the worker). With verify: true pairings, the Cloud Assistant command
each probing account needs (created once by that account's admin: the aliyun CreateCommand call to
run; declare its CommandId as accounts.<alias>.verifyCommandId). Exit 0, or 1 when the config or the
ARN is invalid.

  -c, --config FILE       pairings file (default pairings.yaml)
      --hub-role-arn ARN  the functions' execution role (default: SG_PAIRING_HUB_ROLE_ARN, else the
                          placeholder ${HUB_ROLE_PLACEHOLDER})
      --log-project NAME  the SLS project the functions log to (s.yaml logConfig; default:
                          SG_PAIRING_LOG_PROJECT, else the placeholder ${LOG_PROJECT_PLACEHOLDER})
      --log-store NAME    the logstore in it (default: SG_PAIRING_LOG_STORE, else any of that project)
      --history oss://BUCKET/PREFIX
                          the run history (default: SG_PAIRING_HISTORY): oss:PutObject/GetObject on
                          that prefix, oss:ListObjects on the bucket for that prefix
      --event-bus NAME    the bus runs publish to (default: SG_PAIRING_EVENT_BUS): eventbridge:PutEvents
      --json              the documents as one JSON object on stdout
  -h, --help              this help

SG_PAIRING_WORKER_FUNCTION names the worker function (default sg-pairing-reconcile-worker).`;

export async function runIamCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      config: { type: 'string', short: 'c', default: 'pairings.yaml' },
      json: { type: 'boolean', default: false },
      'hub-role-arn': { type: 'string' },
      'log-project': { type: 'string' },
      'log-store': { type: 'string' },
      history: { type: 'string' },
      'event-bus': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    { positionals: false },
  );
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const hubRoleArn = values['hub-role-arn'] ?? (process.env.SG_PAIRING_HUB_ROLE_ARN || undefined);
  if (hubRoleArn !== undefined && !roleArnPattern.test(hubRoleArn)) {
    process.stderr.write(
      `sg-pairing iam: the hub role ARN must look like acs:ram::<account-id>:role/<name>, got "${hubRoleArn}"\n`,
    );
    return 1;
  }
  const logProject = values['log-project'] ?? (process.env.SG_PAIRING_LOG_PROJECT || undefined);
  const logStore = values['log-store'] ?? (process.env.SG_PAIRING_LOG_STORE || undefined);
  const badName = logNameProblem(logProject, logStore);
  if (badName) return (void process.stderr.write(`sg-pairing iam: ${badName}\n`), 1);
  let sinks: Pick<IamOptions, 'history' | 'eventBus'>;
  try {
    sinks = sinkOptions(values.history, values['event-bus']);
  } catch (err) {
    return (void process.stderr.write(`sg-pairing iam: ${(err as Error).message}\n`), 1);
  }
  const config = await loadConfigOrReport(values.config, { command: 'iam', json: values.json });
  if (!config) return 1;
  const plan = computeIamPlan(config, {
    hubRoleArn,
    workerFunction: process.env.SG_PAIRING_WORKER_FUNCTION || undefined,
    ...(logProject === undefined ? {} : { logProject }),
    ...(logStore === undefined ? {} : { logStore }),
    ...sinks,
  });
  process.stdout.write((values.json ? JSON.stringify(plan, null, 2) : formatIamPlan(plan)) + '\n');
  return 0;
}

/** --history and --event-bus, else SG_PAIRING_HISTORY and SG_PAIRING_EVENT_BUS (throws on a value that cannot be used). */
function sinkOptions(history: string | undefined, bus: string | undefined): Pick<IamOptions, 'history' | 'eventBus'> {
  const env = {
    SG_PAIRING_HISTORY: history ?? process.env.SG_PAIRING_HISTORY,
    SG_PAIRING_EVENT_BUS: bus ?? process.env.SG_PAIRING_EVENT_BUS,
  };
  const location = historyLocationFromEnv(env);
  const eventBus = eventBusFromEnv(env);
  return { ...(location === undefined ? {} : { history: location }), ...(eventBus === undefined ? {} : { eventBus }) };
}

/** A log project or logstore that is not an SLS name (a wildcard included), or undefined. */
function logNameProblem(project: string | undefined, store: string | undefined): string | undefined {
  if (project !== undefined && !logProjectPattern.test(project))
    return `the log project must be an SLS project name (3 to 63 of a-z, 0-9 and -), got "${project}"`;
  if (store !== undefined && !logStorePattern.test(store))
    return `the logstore must be an SLS logstore name (2 to 63 of a-z, 0-9, _ and -), got "${store}"`;
  if (store !== undefined && project === undefined) return '--log-store needs --log-project';
  return undefined;
}
