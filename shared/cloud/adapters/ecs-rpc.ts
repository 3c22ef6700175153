import OpenApi, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import type { TemporaryCredentials } from '../port';
import type { Endpoint } from './endpoints';
import { sdkConfig } from './sdk-config';
import { fromSdkError } from './sdk-errors';

const runtime = new $dara.RuntimeOptions({});

/** An RPC API: its product code (endpoint rules, RAM and error prefix), version and endpoint exceptions. */
export interface RpcService {
  readonly product: string;
  readonly version: string;
  readonly endpointMap: Record<string, string>;
}

/** ECS 2014-05-26; the exception of the package's endpoint map that matters for public regions. */
export const ECS_SERVICE: RpcService = {
  product: 'ecs',
  version: '2014-05-26',
  endpointMap: { 'cn-hangzhou': 'ecs-cn-hangzhou.aliyuncs.com' },
};

/**
 * VPC 2016-04-28 (`@alicloud/vpc20160428`): its endpoint map sends cn-hangzhou (and some
 * non-public regions) to the central vpc.aliyuncs.com; other regions are `vpc.<region>.aliyuncs.com`.
 */
export const VPC_SERVICE: RpcService = {
  product: 'vpc',
  version: '2016-04-28',
  endpointMap: { 'cn-hangzhou': 'vpc.aliyuncs.com' },
};

/**
 * The ECS 2014-05-26 (or another RPC API's, see RpcService) RPC call the generated `@alicloud/ecs20140526` client makes, without loading
 * that client: its class holds ~1,150 methods and re-exports every model, which costs ~420 ms of cold
 * start. The typed request and response models are still the package's own (imported one by one), and
 * the wire (ACS3 signature, query flattening) comes from the same openapi-core.
 */
export class EcsRpc extends OpenApi {
  constructor(
    config: $OpenApiUtil.Config,
    private readonly service: RpcService = ECS_SERVICE,
  ) {
    super(config);
    this._endpointRule = 'regional';
    this._endpointMap = { ...service.endpointMap };
    this._endpoint = this.resolveEndpoint(config);
  }

  private resolveEndpoint(config: $OpenApiUtil.Config): string {
    if (config.endpoint) return config.endpoint;
    const mapped = this._endpointMap?.[this._regionId ?? ''];
    return (
      mapped ??
      OpenApiUtil.getEndpointRules(
        this.service.product,
        this._regionId ?? '',
        this._endpointRule ?? 'regional',
        this._network ?? '',
        this._suffix ?? '',
      )
    );
  }

  /** As one account, with its assumed-role credentials. */
  static forAccount(
    region: string,
    credentials: TemporaryCredentials,
    endpoint: Endpoint | undefined,
    service: RpcService = ECS_SERVICE,
  ): EcsRpc {
    const { accessKeyId, accessKeySecret, securityToken } = credentials;
    return new EcsRpc(sdkConfig(region, endpoint, { accessKeyId, accessKeySecret, securityToken }), service);
  }

  /** `rpc`, answering the response body; a failure becomes an SgPairingError naming the operation, account and group. */
  async call<R extends $dara.Model & { body?: unknown }>(
    action: string,
    request: $dara.Model,
    response: R,
    at: { account: string; group?: string },
  ): Promise<NonNullable<R['body']>> {
    try {
      const out = await this.rpc(action, request, response, runtime);
      return (out.body ?? {}) as NonNullable<R['body']>;
    } catch (err) {
      throw fromSdkError(err, { operation: `${this.service.product}:${action}`, ...at });
    }
  }

  /** One RPC action: the request model's wire names flattened into the query, the body cast to `Response`. */
  async rpc<R extends $dara.Model>(
    action: string,
    request: $dara.Model,
    response: R,
    runtime: $dara.RuntimeOptions,
  ): Promise<R> {
    request.validate();
    const params = new $OpenApiUtil.Params({
      action,
      version: this.service.version,
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const req = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(request.toMap()) });
    return $dara.cast(await this.callApi(params, req, runtime), response);
  }
}
