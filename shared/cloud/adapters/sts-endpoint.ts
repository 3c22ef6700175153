import Sts from '@alicloud/sts20150401';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { Endpoint } from './endpoints';

/**
 * Where AssumeRole goes: the override (SG_PAIRING_STS_ENDPOINT) when given, else what the STS SDK
 * itself picks for the region: its own endpoint map first (some regions, e.g. cn-wuhan or
 * ap-southeast-2, use the central `sts.aliyuncs.com`), then its regional rule `sts.<region>.aliyuncs.com`.
 * The SDK's `getEndpoint` is asked rather than copied, so a new SDK release's map is followed.
 * A client built without credentials resolves no credential: only its endpoint is read.
 */
export function stsEndpointFor(region: string, override: Endpoint | undefined): Endpoint {
  if (override) return override;
  return { host: new Sts(new $OpenApiUtil.Config({ regionId: region }))._endpoint, protocol: 'https' };
}
