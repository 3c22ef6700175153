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
import { AssistantAdapter } from './assistant-adapter';
import { DirectoryAdapter } from './directory-adapter';
import { EcsAdapter } from './ecs-adapter';
import { endpointFromEnv } from './endpoints';
import { EventBridgeAdapter } from './eventbridge-adapter';
import { FcAdapter } from './fc-adapter';
import { OssAdapter } from './oss-adapter';
import { StsAdapter, type BaseIdentity } from './sts-adapter';
import { VpcAdapter } from './vpc-adapter';

export type { BaseIdentity } from './sts-adapter';

/**
 * The production CloudPort: real SDK clients, endpoints from SG_PAIRING_ECS_ENDPOINT,
 * SG_PAIRING_VPC_ENDPOINT, SG_PAIRING_STS_ENDPOINT and SG_PAIRING_RESOURCEMANAGER_ENDPOINT when set (e.g. the local emulator), else the regional defaults. FC (the
 * fan-out) acts as the base identity itself, at SG_PAIRING_FC_ENDPOINT or `<accountId>.<region>.fc.aliyuncs.com`.
 */
export function createSdkCloud(
  region: string,
  identity: BaseIdentity,
  env: NodeJS.ProcessEnv = process.env,
): CloudPort & {
  setIdentity(identity: BaseIdentity): void;
  functions(accountId: string): FunctionsPort;
  objects(bucket: string): ObjectStorePort;
  eventBus(): EventBusPort;
} {
  let current = identity;
  const ecsEndpoint = endpointFromEnv('SG_PAIRING_ECS_ENDPOINT', env);
  const vpcEndpoint = endpointFromEnv('SG_PAIRING_VPC_ENDPOINT', env);
  const sts = new StsAdapter(region, endpointFromEnv('SG_PAIRING_STS_ENDPOINT', env), identity);
  let directory: DirectoryAdapter | undefined;
  return {
    setIdentity: (next: BaseIdentity) => {
      current = next;
      sts.setIdentity(next);
      directory = undefined;
    },
    assumeRole: (request: AssumeRoleRequest) => sts.assumeRole(request),
    ecs: (credentials: TemporaryCredentials): EcsPort =>
      new EcsAdapter(region, credentials.account, credentials, ecsEndpoint),
    assistant: (credentials: TemporaryCredentials): AssistantPort =>
      new AssistantAdapter(region, credentials.account, credentials, ecsEndpoint),
    vpc: (credentials: TemporaryCredentials): VpcPort =>
      new VpcAdapter(region, credentials.account, credentials, vpcEndpoint),
    // the hub's own identity lists the Resource Directory (SG_PAIRING_RESOURCEMANAGER_ENDPOINT, else the central endpoint)
    directory: (): DirectoryPort =>
      (directory ??= new DirectoryAdapter(
        region,
        endpointFromEnv('SG_PAIRING_RESOURCEMANAGER_ENDPOINT', env),
        () => current,
      )),
    functions: (accountId: string): FunctionsPort =>
      new FcAdapter(region, accountId, current, endpointFromEnv('SG_PAIRING_FC_ENDPOINT', env)),
    // the run history and the events out: the hub's own identity (the function's role), like FC
    objects: (bucket: string): ObjectStorePort =>
      new OssAdapter(region, bucket, () => current, endpointFromEnv('SG_PAIRING_OSS_ENDPOINT', env)),
    eventBus: (): EventBusPort =>
      new EventBridgeAdapter(region, current, endpointFromEnv('SG_PAIRING_EVENTBRIDGE_ENDPOINT', env)),
  };
}
