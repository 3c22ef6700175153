import Sts, * as $Sts from '@alicloud/sts20150401';
import * as $dara from '@darabonba/typescript';
import type { AssumeRoleRequest, TemporaryCredentials } from '../port';
import type { Endpoint } from './endpoints';
import type { StaticCredentials } from './sdk-config';
import { defaultChainCredential } from './default-chain-credential';
import { sdkConfig } from './sdk-config';
import { stsEndpointFor } from './sts-endpoint';
import { SgPairingError } from '../../errors';
import { fromSdkError } from './sdk-errors';
import { isRootAccountRefusal, rootAccessKeyError } from '../root-access-key';

/**
 * Where the base identity comes from: FC's `context.credentials` (static, refreshed by FC on each
 * invocation: see `setIdentity`), or the SDK's default chain.
 */
export type BaseIdentity = { kind: 'static'; credentials: StaticCredentials } | { kind: 'default-chain' };

/** STS AssumeRole through `@alicloud/sts20150401` (the credentials library's provider hard-codes https). */
export class StsAdapter {
  private client?: Sts;

  constructor(
    private readonly region: string,
    private readonly endpoint: Endpoint | undefined,
    private identity: BaseIdentity,
  ) {}

  /** FC hands fresh function credentials to every invocation; cached role sessions stay valid. */
  setIdentity(identity: BaseIdentity): void {
    const same =
      identity.kind === 'static' &&
      this.identity.kind === 'static' &&
      identity.credentials.accessKeyId === this.identity.credentials.accessKeyId &&
      identity.credentials.securityToken === this.identity.credentials.securityToken;
    if (same || (identity.kind === 'default-chain' && this.identity.kind === 'default-chain')) return;
    this.identity = identity;
    this.client = undefined;
  }

  private sts(): Sts {
    if (!this.client) {
      const auth =
        this.identity.kind === 'static' ? this.identity.credentials : { credential: defaultChainCredential() };
      this.client = new Sts(sdkConfig(this.region, stsEndpointFor(this.region, this.endpoint), auth));
    }
    return this.client;
  }

  async assumeRole(request: AssumeRoleRequest): Promise<TemporaryCredentials> {
    const account = /^acs:ram::(\d+):/.exec(request.roleArn)?.[1];
    try {
      const response = await this.sts().assumeRoleWithOptions(
        new $Sts.AssumeRoleRequest({
          roleArn: request.roleArn,
          roleSessionName: request.sessionName,
          externalId: request.externalId,
          durationSeconds: request.durationSeconds,
        }),
        new $dara.RuntimeOptions({}),
      );
      const c = response.body?.credentials;
      if (!c?.accessKeyId || !c.accessKeySecret || !c.securityToken || !c.expiration) {
        throw new Error('AssumeRole answered without complete credentials');
      }
      return {
        account: account ?? '',
        accessKeyId: c.accessKeyId,
        accessKeySecret: c.accessKeySecret,
        securityToken: c.securityToken,
        expiresAt: Date.parse(c.expiration),
      };
    } catch (err) {
      throw asAccessDenied(fromSdkError(err, { operation: 'sts:AssumeRole', account }));
    }
  }
}

/** The role's trust, ExternalId or existence refused us: one stable code, and no retry will help. */
const DENIED = new Set(['NoPermission', 'EntityNotExist.Role', 'Forbidden.RAM', 'AuthenticationFail.NoPermission']);

function asAccessDenied(err: SgPairingError): SgPairingError {
  if (isRootAccountRefusal(err.code, err.message))
    return rootAccessKeyError({ account: err.account, operation: err.operation, cause: err });
  if (!DENIED.has(err.code)) return err;
  return new SgPairingError(`AccessDenied: cannot assume the role (${err.message})`, {
    code: 'AccessDenied',
    retryable: false,
    account: err.account,
    operation: err.operation,
    cause: err,
  });
}
