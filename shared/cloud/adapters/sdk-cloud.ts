import type {
  AssistantPort,
  AssumeRoleRequest,
  CloudPort,
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
};
const ASSISTANT_METHODS: Methods<AssistantPort> = {
  findCommands: true,
  createCommand: true,
  invokeCommand: true,
  describeInvocationResults: true,
};
const VPC_METHODS: Methods<VpcPort> = { describeVpcs: true };
const FUNCTIONS_METHODS: Methods<FunctionsPort> = { invokeAsync: true };

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

/**
 * The production CloudPort: real SDK clients, endpoints from SG_PAIRING_ECS_ENDPOINT,
 * SG_PAIRING_VPC_ENDPOINT and SG_PAIRING_STS_ENDPOINT when set (e.g. the local emulator), else the regional defaults. FC (the
 * fan-out) acts as the base identity itself, at SG_PAIRING_FC_ENDPOINT or `<accountId>.<region>.fc.aliyuncs.com`.
 * Each adapter module (with the SDK it imports) loads when first called.
 */
export function createSdkCloud(
  region: string,
  identity: BaseIdentity,
  env: NodeJS.ProcessEnv = process.env,
): CloudPort & { setIdentity(identity: BaseIdentity): void; functions(accountId: string): FunctionsPort } {
  let current = identity;
  const ecsEndpoint = endpointFromEnv('SG_PAIRING_ECS_ENDPOINT', env);
  const vpcEndpoint = endpointFromEnv('SG_PAIRING_VPC_ENDPOINT', env);
  const stsEndpoint = endpointFromEnv('SG_PAIRING_STS_ENDPOINT', env);
  let sts: StsAdapter | undefined;
  const stsAdapter = async (): Promise<StsAdapter> => {
    const { StsAdapter: Adapter } = await onDemand(
      () => require('./sts-adapter') as typeof import('./sts-adapter'),
      () => import('./sts-adapter.js'),
    );
    return (sts ??= new Adapter(region, stsEndpoint, current));
  };
  return {
    setIdentity: (next: BaseIdentity) => {
      current = next;
      sts?.setIdentity(next);
    },
    assumeRole: async (request: AssumeRoleRequest) => (await stsAdapter()).assumeRole(request),
    ecs: (credentials: TemporaryCredentials): EcsPort =>
      lazyPort(ECS_METHODS, async () => {
        const { EcsAdapter } = await onDemand(
          () => require('./ecs-adapter') as typeof import('./ecs-adapter'),
          () => import('./ecs-adapter.js'),
        );
        return new EcsAdapter(region, credentials.account, credentials, ecsEndpoint);
      }),
    assistant: (credentials: TemporaryCredentials): AssistantPort =>
      lazyPort(ASSISTANT_METHODS, async () => {
        const { AssistantAdapter } = await onDemand(
          () => require('./assistant-adapter') as typeof import('./assistant-adapter'),
          () => import('./assistant-adapter.js'),
        );
        return new AssistantAdapter(region, credentials.account, credentials, ecsEndpoint);
      }),
    vpc: (credentials: TemporaryCredentials): VpcPort =>
      lazyPort(VPC_METHODS, async () => {
        const { VpcAdapter } = await onDemand(
          () => require('./vpc-adapter') as typeof import('./vpc-adapter'),
          () => import('./vpc-adapter.js'),
        );
        return new VpcAdapter(region, credentials.account, credentials, vpcEndpoint);
      }),
    functions: (accountId: string): FunctionsPort => {
      const identityNow = current;
      return lazyPort(FUNCTIONS_METHODS, async () => {
        const { FcAdapter } = await onDemand(
          () => require('./fc-adapter') as typeof import('./fc-adapter'),
          () => import('./fc-adapter.js'),
        );
        return new FcAdapter(region, accountId, identityNow, endpointFromEnv('SG_PAIRING_FC_ENDPOINT', env));
      });
    },
  };
}
