import { InvokeFunctionHeaders } from '@alicloud/fc20230330/dist/models/InvokeFunctionHeaders';
import { InvokeFunctionRequest } from '@alicloud/fc20230330/dist/models/InvokeFunctionRequest';
import OpenApi, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { Readable } from 'node:stream';
import { SgPairingError } from '../../errors';
import type { FunctionsPort } from '../port';
import type { Endpoint } from './endpoints';
import { defaultChainCredential } from './default-chain-credential';
import { sdkConfig } from './sdk-config';
import { fromSdkError } from './sdk-errors';
import type { BaseIdentity } from './sts-adapter';

const runtime = new $dara.RuntimeOptions({});

/**
 * FC 3.0 InvokeFunction (Async) as the function's own identity: exactly what `@alicloud/fc20230330`'s
 * `invokeFunctionWithOptions(name, new InvokeFunctionRequest({body}), new InvokeFunctionHeaders({
 * xFcInvocationType: 'Async'}), runtime)` sends (same openapi-core, same ACS3 signature, same ROA
 * params), without loading that client: it re-exports every FC model (~470 KB in each bundle).
 * Endpoint: SG_PAIRING_FC_ENDPOINT when given, else `<accountId>.<region>.fc.aliyuncs.com`.
 */
export class FcAdapter implements FunctionsPort {
  private readonly client: OpenApi;

  constructor(
    region: string,
    private readonly accountId: string,
    identity: BaseIdentity,
    endpoint: Endpoint | undefined,
  ) {
    if (!endpoint && !/^\d+$/.test(accountId)) {
      throw new SgPairingError(
        `cannot build the FC endpoint: account id "${accountId}" is not a UID (set SG_PAIRING_FC_ENDPOINT)`,
        { code: 'EndpointInvalid', retryable: false, operation: 'fc:InvokeFunction' },
      );
    }
    const auth = identity.kind === 'static' ? identity.credentials : { credential: defaultChainCredential() };
    this.client = new OpenApi(
      sdkConfig(region, endpoint, auth, endpoint ? undefined : `${accountId}.${region}.fc.aliyuncs.com`),
    );
  }

  async invokeAsync(functionName: string, payload: Buffer): Promise<{ requestId: string }> {
    const request = new InvokeFunctionRequest({ body: Readable.from([payload]) });
    const headers = new InvokeFunctionHeaders({ xFcInvocationType: 'Async' });
    try {
      request.validate();
      const params = new $OpenApiUtil.Params({
        action: 'InvokeFunction',
        version: '2023-03-30',
        protocol: 'HTTPS',
        pathname: `/2023-03-30/functions/${$dara.URL.percentEncode(functionName)}/invocations`,
        method: 'POST',
        authType: 'AK',
        style: 'ROA',
        reqBodyType: 'json',
        bodyType: 'binary',
      });
      const req = new $OpenApiUtil.OpenApiRequest({
        headers: { 'x-fc-invocation-type': String(headers.xFcInvocationType) },
        query: OpenApiUtil.query({}),
        body: request.body,
        stream: request.body,
      });
      const response = (await this.client.callApi(params, req, runtime)) as {
        body?: unknown;
        headers?: Record<string, string>;
      };
      if (response.body instanceof Readable) response.body.resume(); // an Async answer has no body worth reading
      return { requestId: response.headers?.['x-fc-request-id'] ?? '' };
    } catch (err) {
      throw fromSdkError(err, { operation: 'fc:InvokeFunction', account: this.accountId || undefined });
    }
  }
}
