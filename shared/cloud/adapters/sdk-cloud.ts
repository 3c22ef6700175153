import type {
  AssistantPort,
  AssumeRoleRequest,
  CloudPort,
  EcsPort,
  FunctionsPort,
  TemporaryCredentials,
  VpcPort,
} from '../port';
import { AssistantAdapter } from './assistant-adapter';
import { EcsAdapter } from './ecs-adapter';
import { endpointFromEnv } from './endpoints';
import { FcAdapter } from './fc-adapter';
import { prefixListAdapter } from './prefix-list-adapter';
import { StsAdapter, type BaseIdentity } from './sts-adapter';
import { VpcAdapter } from './vpc-adapter';

export type { BaseIdentity } from './sts-adapter';

/**
 * The production CloudPort: real SDK clients, endpoints from SG_PAIRING_ECS_ENDPOINT,
 * SG_PAIRING_VPC_ENDPOINT and SG_PAIRING_STS_ENDPOINT when set (e.g. the local emulator), else the regional defaults. FC (the
 * fan-out) acts as the base identity itself, at SG_PAIRING_FC_ENDPOINT or `<accountId>.<region>.fc.aliyuncs.com`.
 */
export function createSdkCloud(
  region: string,
  identity: BaseIdentity,
  env: NodeJS.ProcessEnv = process.env,
): CloudPort & { setIdentity(identity: BaseIdentity): void; functions(accountId: string): FunctionsPort } {
  let current = identity;
  const ecsEndpoint = endpointFromEnv('SG_PAIRING_ECS_ENDPOINT', env);
  const vpcEndpoint = endpointFromEnv('SG_PAIRING_VPC_ENDPOINT', env);
  const sts = new StsAdapter(region, endpointFromEnv('SG_PAIRING_STS_ENDPOINT', env), identity);
  return {
    setIdentity: (next: BaseIdentity) => {
      current = next;
      sts.setIdentity(next);
    },
    assumeRole: (request: AssumeRoleRequest) => sts.assumeRole(request),
    ecs: (credentials: TemporaryCredentials): EcsPort =>
      Object.assign(
        new EcsAdapter(region, credentials.account, credentials, ecsEndpoint),
        prefixListAdapter(region, credentials.account, credentials, ecsEndpoint),
      ),
    assistant: (credentials: TemporaryCredentials): AssistantPort =>
      new AssistantAdapter(region, credentials.account, credentials, ecsEndpoint),
    vpc: (credentials: TemporaryCredentials): VpcPort =>
      new VpcAdapter(region, credentials.account, credentials, vpcEndpoint),
    functions: (accountId: string): FunctionsPort =>
      new FcAdapter(region, accountId, current, endpointFromEnv('SG_PAIRING_FC_ENDPOINT', env)),
  };
}
