import Credential from '@alicloud/credentials';
import { SgPairingError } from '../../errors';

/**
 * What @alicloud/credentials' default chain looks at, in its order (2.4.x, providers/default.js).
 * Named in the error, so "no credentials" says where to put them rather than the last provider's
 * network error.
 */
export const DEFAULT_CHAIN_SOURCES = [
  'the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (with ALIBABA_CLOUD_SECURITY_TOKEN for an STS token)',
  'an OIDC role (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE)',
  'the Alibaba Cloud CLI profile (~/.aliyun/config.json, profile ALIBABA_CLOUD_PROFILE)',
  'the credentials file (~/.alibabacloud/credentials, or ALIBABA_CLOUD_CREDENTIALS_FILE)',
  'the ECS instance RAM role (the metadata service at 100.100.100.200; ALIBABA_CLOUD_ECS_METADATA names the role)',
  'a credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)',
] as const;

/** The chain found nothing: terminal, since no retry makes credentials appear. */
export function credentialsNotFound(cause: unknown): SgPairingError {
  return new SgPairingError(
    `CredentialsNotFound: no Alibaba Cloud credentials: the default credential chain looked at ${DEFAULT_CHAIN_SOURCES.join('; ')}, and none gave credentials. Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, for example`,
    { code: 'CredentialsNotFound', retryable: false, operation: 'credentials:DefaultChain', cause },
  );
}

type Chain = InstanceType<typeof Credential>;
type ChainMethod =
  'getCredential' | 'getAccessKeyId' | 'getAccessKeySecret' | 'getSecurityToken' | 'getBearerToken' | 'getType';

/**
 * The SDK's default credential chain, for a client's `credential`. A chain that found nothing is
 * dropped: the library would otherwise keep asking the last provider it tried (the credentials
 * URI, with no URI: `ENOTFOUND undefined`), so the next call starts over and fails the same way.
 */
export function defaultChainCredential(): Pick<Chain, ChainMethod> {
  let chain: Chain | undefined;
  const current = () => (chain ??= new Credential());
  return {
    getCredential: async () => {
      try {
        return await current().getCredential();
      } catch (err) {
        chain = undefined;
        throw /unable to get credentials from any of the providers/.test(String((err as Error)?.message))
          ? credentialsNotFound(err)
          : err;
      }
    },
    getAccessKeyId: () => current().getAccessKeyId(),
    getAccessKeySecret: () => current().getAccessKeySecret(),
    getSecurityToken: () => current().getSecurityToken(),
    getBearerToken: () => current().getBearerToken(),
    getType: () => current().getType(),
  };
}
