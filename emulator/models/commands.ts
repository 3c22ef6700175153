import { apiError } from '../errors/api-errors';
import { COMMAND_TYPES, DEFAULT_COMMAND_TIMEOUT_S, startInvocation } from './invocations';
import { isoSeconds, type Scope } from './scope';
import type { Command, Invocation } from './world';

/**
 * Cloud Assistant commands: CreateCommand, DescribeCommands and InvokeCommand
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createcommand,
 * .../api-ecs-2014-05-26-describecommands, .../api-ecs-2014-05-26-invokecommand). A command's custom
 * parameters are `{{name}}` in its content (spaces and line breaks around the name ignored; letters,
 * digits, `-` and `_`; case-insensitive; at most 20, 64 bytes each); InvokeCommand fills them in as
 * text. `{{ACS::...}}` names are built-in environment parameters, never custom ones.
 */
const MAX_CONTENT_BASE64 = 24 * 1024;
const MAX_PARAMETER_NAMES = 20;
const MAX_INVOKE_PARAMETERS = 10;
const MAX_KEY_LENGTH = 64;
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

export interface CreateCommandInput {
  name?: string;
  type: string;
  content: string;
  /** Base64 (the default) or PlainText; any other value is Base64 (CreateCommand doc) */
  encoding?: string;
  enableParameter: boolean;
  description?: string;
  timeoutSeconds?: number;
}

export function createCommand(scope: Scope, input: CreateCommandInput): Command {
  if (!(COMMAND_TYPES as readonly string[]).includes(input.type)) throw apiError('InvalidCmdType.NotFound');
  const name = input.name ?? '';
  if (name === '' || name.length > 128)
    throw apiError('InvalidParameter', 'The specified parameter "Name" is not valid (1 to 128 characters).');
  const plain = input.encoding?.toLowerCase() === 'plaintext';
  const encoded = plain ? Buffer.from(input.content, 'utf8').toString('base64') : input.content;
  if (!plain && !/^[A-Za-z0-9+/]*={0,2}$/.test(input.content)) throw apiError('InvalidCommandContent.DecodeError');
  if (encoded.length > MAX_CONTENT_BASE64) throw apiError('InvalidCommandContent.LengthLimitExceeded');
  const script = plain ? input.content : Buffer.from(input.content, 'base64').toString('utf8');
  const parameterNames = input.enableParameter ? customParameters(script) : [];
  const timeoutSeconds = input.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_S;
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 10 || timeoutSeconds > 86_400)
    throw apiError('InvalidParameter', 'The specified parameter "Timeout" is not valid.');
  const command: Command = {
    commandId: scope.world.nextId('c-'),
    owner: scope.account,
    region: scope.region,
    name,
    description: input.description ?? '',
    type: input.type,
    script,
    enableParameter: input.enableParameter,
    parameterNames,
    timeoutSeconds,
    creationTime: isoSeconds(scope.now),
  };
  scope.world.commands.set(command.commandId, command);
  return command;
}

/** The custom parameter names of a script, first spelling of each (case-insensitive), in order. */
function customParameters(script: string): string[] {
  const names = new Map<string, string>();
  for (const m of script.matchAll(PLACEHOLDER)) {
    const name = m[1];
    if (name.toUpperCase().startsWith('ACS::')) continue;
    if (!NAME.test(name))
      throw apiError('InvalidParameter', `The custom parameter name "${name}" in CommandContent is not valid.`);
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  if (names.size > MAX_PARAMETER_NAMES)
    throw apiError('InvalidParameter', `CommandContent defines more than ${MAX_PARAMETER_NAMES} custom parameters.`);
  return [...names.values()];
}

export interface CommandFilter {
  commandId?: string;
  /** exact, or with `*` for any run of characters (DescribeCommands' fuzzy Name) */
  name?: string;
  type?: string;
}

/** DescribeCommands (private commands): the caller's in the region passing the filters, newest first. */
export function describeCommands(scope: Scope, f: CommandFilter): Command[] {
  const name = f.name === undefined ? undefined : wildcard(f.name);
  return [...scope.world.commands.values()]
    .filter((c) => c.owner === scope.account && c.region === scope.region)
    .filter((c) => f.commandId === undefined || c.commandId === f.commandId)
    .filter((c) => f.type === undefined || c.type === f.type)
    .filter((c) => name === undefined || name.test(c.name))
    .reverse();
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export interface InvokeCommandInput {
  commandId?: string;
  instanceIds: string[];
  /** the Parameters JSON object as sent, undefined when absent */
  parameters?: string;
  timeoutSeconds?: number;
}

/** InvokeCommand: the caller's command on its instances, each run with its parameters filled in. */
export function invokeCommand(scope: Scope, input: InvokeCommandInput): Invocation {
  if (!input.commandId)
    throw apiError(
      'MissingParameter',
      'The input parameter "CommandId" that is mandatory for processing this request is not supplied.',
    );
  const command = scope.world.commands.get(input.commandId);
  if (!command || command.owner !== scope.account || command.region !== scope.region)
    throw apiError('InvalidCommandId.NotFound');
  const values = invokeParameters(scope, command, input.parameters);
  return startInvocation(scope, {
    commandId: command.commandId,
    name: command.name,
    type: command.type,
    instanceIds: input.instanceIds,
    timeoutSeconds: input.timeoutSeconds ?? command.timeoutSeconds,
    scriptFor: (instanceId, invokeId) =>
      command.script.replace(PLACEHOLDER, (whole, raw: string) => {
        const builtIn = builtInValue(raw, { scope, command, instanceId, invokeId });
        if (builtIn !== undefined) return builtIn;
        const value = values.get(raw.toLowerCase());
        return value === undefined ? whole : value;
      }),
  });
}

/**
 * The Parameters of one InvokeCommand, by lower-cased name: a JSON object of at most 10 string
 * values, keys non-empty, at most 64 characters, each a parameter the command defines (InvokeCommand
 * doc). A defined parameter not passed is filled in empty, or refused (world.missingCommandParameter).
 */
function invokeParameters(scope: Scope, command: Command, raw: string | undefined): Map<string, string> {
  const values = new Map<string, string>();
  if (raw !== undefined && raw !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw apiError('InvalidParameter', 'The specified parameter "Parameters" is not a valid JSON object.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw apiError('InvalidParameter', 'The specified parameter "Parameters" is not a valid JSON object.');
    const entries = Object.entries(parsed);
    if (entries.length > MAX_INVOKE_PARAMETERS) throw apiError('InvalidParameters.CountLimitExceeded');
    const defined = new Set(command.parameterNames.map((n) => n.toLowerCase()));
    for (const [key, value] of entries) {
      if (key === '') throw apiError('InvalidParameters.KeyEmpty');
      if (key.length > MAX_KEY_LENGTH) throw apiError('InvalidParameters.KeyLengthLimitExceeded');
      if (typeof value !== 'string') throw apiError('InvalidParameters.ValueTypeUnsupported');
      if (!defined.has(key.toLowerCase())) throw apiError('InvalidParameters.KeyNotMatch');
      values.set(key.toLowerCase(), value);
    }
  }
  for (const name of command.parameterNames) {
    if (values.has(name.toLowerCase())) continue;
    if (scope.world.missingCommandParameter === 'error')
      throw apiError('InvalidParameters.KeyNotMatch', `The parameter "${name}" of the command is not passed in.`);
    values.set(name.toLowerCase(), '');
  }
  return values;
}

function builtInValue(
  raw: string,
  at: { scope: Scope; command: Command; instanceId: string; invokeId: string },
): string | undefined {
  switch (raw.toUpperCase()) {
    case 'ACS::REGIONID':
      return at.scope.region;
    case 'ACS::ACCOUNTID':
      return at.scope.account;
    case 'ACS::INSTANCEID':
      return at.instanceId;
    case 'ACS::INVOKEID':
      return at.invokeId;
    case 'ACS::COMMANDID':
      return at.command.commandId;
    default:
      return undefined;
  }
}
