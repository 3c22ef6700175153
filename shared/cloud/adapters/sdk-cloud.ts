import type {
  EventBusPort,
  ObjectStorePort,
  AssistantPort,
  AssumeRoleRequest,
  CloudPort,
  DirectoryPort,
  EcsPort,
  FunctionsPort,
  TemporaryCredentials,
  VpcPort,
} from '../port';
import { onDemand } from '../../on-demand';
import { endpointFromEnv } from './endpoints';
import type { BaseIdentity, StsAdapter } from './sts-adapter';

export type { BaseIdentity } from './sts-adapter';

/** Every method of a port, so a lazy port cannot miss one (a missing name does not compile). */
type Methods<T> = { readonly [K in keyof T]: true };
const ECS_METHODS: Methods<EcsPort> = {
  readGroupAttributes: true,
  describeGroups: true,
  describeInstances: true,
  listInstances: true,
  authorizeIngress: true,
  revokeIngress: true,
  revokeIngressRules: true,
  tagGroups: true,
  untagGroups: true,
  listTaggedGroups: true,
  listGroupsNamed: true,
  setRuleDescription: true,
  authorizeEgress: true,
  revokeEgress: true,
  revokeEgressRules: true,
  listTaggedPrefixLists: true,
  readPrefixListEntries: true,
  createPrefixList: true,
  modifyPrefixListEntries: true,
  deletePrefixList: true,
};
const ASSISTANT_METHODS: Methods<AssistantPort> = {
  findCommands: true,
  createCommand: true,
  invokeCommand: true,
  describeInvocationResults: true,
};
const VPC_METHODS: Methods<VpcPort> = { describeVpcs: true };
const FUNCTIONS_METHODS: Methods<FunctionsPort> = { invokeAsync: true };
const DIRECTORY_METHODS: Methods<DirectoryPort> = { listDirectoryAccounts: true };
const OBJECTS_METHODS: Methods<ObjectStorePort> = { putObject: true, getObject: true, listObjects: true };
const EVENT_BUS_METHODS: Methods<EventBusPort> = { putEvents: true };

/* eslint-disable @typescript-eslint/no-require-imports -- adapters load on demand (shared/on-demand.ts) */

/**
 * A port whose adapter (and so its SDK client and the SDK's modules) is loaded on its first call: a function
 * instance that never needs a client never loads the SDK (cold start, bench/cold-start.ts).
 */
function lazyPort<T extends object>(methods: Methods<T>, load: () => Promise<T>): T {
  let port: Promise<T> | undefined;
  const call =
    (name: keyof T) =>
    async (...args: unknown[]): Promise<unknown> => {
      const target = await (port ??= load());
      return (target[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  return Object.fromEntries(Object.keys(methods).map((name) => [name, call(name as keyof T)])) as T;
}

const adapters = {
  sts: () =>
    onDemand(
      () => require('./sts-adapter') as typeof import('./sts-adapter'),
      () => import('./sts-adapter.js'),
    ),
  ecs: () =>
    onDemand(
      () => require('./ecs-adapter') as typeof import('./ecs-adapter'),
      () => import('./ecs-adapter.js'),
    ),
  assistant: () =>
    onDemand(
      () => require('./assistant-adapter') as typeof import('./assistant-adapter'),
      () => import('./assistant-adapter.js'),
    ),
  vpc: () =>
    onDemand(
      () => require('./vpc-adapter') as typeof import('./vpc-adapter'),
      () => import('./vpc-adapter.js'),
    ),
  fc: () =>
    onDemand(
      () => require('./fc-adapter') as typeof import('./fc-adapter'),
      () => import('./fc-adapter.js'),
    ),
  directory: () =>
    onDemand(
      () => require('./directory-adapter') as typeof import('./directory-adapter'),
      () => import('./directory-adapter.js'),
    ),
  oss: () =>
    onDemand(
      () => require('./oss-adapter') as typeof import('./oss-adapter'),
      () => import('./oss-adapter.js'),
    ),
  prefixList: () =>
    onDemand(
      () => require('./prefix-list-adapter') as typeof import('./prefix-list-adapter'),
      () => import('./prefix-list-adapter.js'),
    ),
  eventBridge: () =>
    onDemand(
      () => require('./eventbridge-adapter') as typeof import('./eventbridge-adapter'),
      () => import('./eventbridge-adapter.js'),
    ),
};

export interface HubServices {
  functions(accountId: string): FunctionsPort;
  directory(): DirectoryPort;
  objects(bucket: string): ObjectStorePort;
  eventBus(): EventBusPort;
}

/**
 * What the hub's own identity (the function's role) reaches: FC (the fan-out), the Resource Directory
 * (SG_PAIRING_RESOURCEMANAGER_ENDPOINT, else the central endpoint), the run history and the events out.
 */
function hubServices(
  region: string,
  env: NodeJS.ProcessEnv,
  current: () => BaseIdentity,
): HubServices & { forget(): void } {
  let directory: DirectoryPort | undefined;
  return {
    forget: () => void (directory = undefined),
    functions: (accountId) => {
      const identityNow = current();
      const endpoint = endpointFromEnv('SG_PAIRING_FC_ENDPOINT', env);
      return lazyPort(
        FUNCTIONS_METHODS,
        async () => new (await adapters.fc()).FcAdapter(region, accountId, identityNow, endpoint),
      );
    },
    directory: () =>
      (directory ??= lazyPort(DIRECTORY_METHODS, async () => {
        const endpoint = endpointFromEnv('SG_PAIRING_RESOURCEMANAGER_ENDPOINT', env);
        return new (await adapters.directory()).DirectoryAdapter(region, endpoint, current);
      })),
    objects: (bucket) => {
      const endpoint = endpointFromEnv('SG_PAIRING_OSS_ENDPOINT', env);
      return lazyPort(
        OBJECTS_METHODS,
        async () => new (await adapters.oss()).OssAdapter(region, bucket, current, endpoint),
      );
    },
    eventBus: () => {
      const identityNow = current();
      const endpoint = endpointFromEnv('SG_PAIRING_EVENTBRIDGE_ENDPOINT', env);
      return lazyPort(
        EVENT_BUS_METHODS,
        async () => new (await adapters.eventBridge()).EventBridgeAdapter(region, identityNow, endpoint),
      );
    },
  };
}

/**
 * The production CloudPort: real SDK clients, endpoints from SG_PAIRING_ECS_ENDPOINT,
 * SG_PAIRING_VPC_ENDPOINT and SG_PAIRING_STS_ENDPOINT when set (e.g. the local emulator), else the regional
 * defaults; the hub's own services as hubServices above. Each adapter module (with the SDK it imports) loads
 * when first called.
 */
export function createSdkCloud(
  region: string,
  identity: BaseIdentity,
  env: NodeJS.ProcessEnv = process.env,
): CloudPort & HubServices & { setIdentity(identity: BaseIdentity): void } {
  let current = identity;
  const ecsEndpoint = endpointFromEnv('SG_PAIRING_ECS_ENDPOINT', env);
  const vpcEndpoint = endpointFromEnv('SG_PAIRING_VPC_ENDPOINT', env);
  const stsEndpoint = endpointFromEnv('SG_PAIRING_STS_ENDPOINT', env);
  let sts: StsAdapter | undefined;
  const stsAdapter = async (): Promise<StsAdapter> =>
    (sts ??= new (await adapters.sts()).StsAdapter(region, stsEndpoint, current));
  const { forget, ...hub } = hubServices(region, env, () => current);
  return {
    ...hub,
    setIdentity: (next: BaseIdentity) => {
      current = next;
      sts?.setIdentity(next);
      forget();
    },
    assumeRole: async (request: AssumeRoleRequest) => (await stsAdapter()).assumeRole(request),
    ecs: (c: TemporaryCredentials): EcsPort =>
      lazyPort(ECS_METHODS, async () => {
        const ecs = new (await adapters.ecs()).EcsAdapter(region, c.account, c, ecsEndpoint);
        return Object.assign(ecs, (await adapters.prefixList()).prefixListAdapter(region, c.account, ecs.client));
      }),
    assistant: (c: TemporaryCredentials): AssistantPort =>
      lazyPort(
        ASSISTANT_METHODS,
        async () => new (await adapters.assistant()).AssistantAdapter(region, c.account, c, ecsEndpoint),
      ),
    vpc: (c: TemporaryCredentials): VpcPort =>
      lazyPort(VPC_METHODS, async () => new (await adapters.vpc()).VpcAdapter(region, c.account, c, vpcEndpoint)),
  };
}
