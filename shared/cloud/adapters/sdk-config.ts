import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { Endpoint } from './endpoints';

/** The SDK's 3 s default read timeout is too short for large Describe pages. */
export const READ_TIMEOUT_MS = 10_000;
export const CONNECT_TIMEOUT_MS = 5_000;

/** `SG_PAIRING_READ_TIMEOUT_MS` overrides the read timeout (tests of timeouts keep it short). */
export function readTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.SG_PAIRING_READ_TIMEOUT_MS);
  return Number.isInteger(v) && v > 0 ? v : READ_TIMEOUT_MS;
}

/** `SG_PAIRING_CONNECT_TIMEOUT_MS` overrides the connect timeout (never above the read timeout). */
export function connectTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.SG_PAIRING_CONNECT_TIMEOUT_MS);
  return Math.min(Number.isInteger(v) && v > 0 ? v : CONNECT_TIMEOUT_MS, readTimeoutMs(env));
}

export interface StaticCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** One SDK Config: the endpoint override when given, else the SDK's regional default. */
export function sdkConfig(
  region: string,
  endpoint: Endpoint | undefined,
  auth: StaticCredentials | { credential: unknown },
  defaultHost?: string,
): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    ...(auth as object),
    regionId: region,
    endpoint: endpoint?.host ?? defaultHost,
    protocol: endpoint?.protocol ?? 'https',
    readTimeout: readTimeoutMs(),
    // httpx also arms the connect timeout as the socket's idle timeout: never let it outlast the read one
    connectTimeout: connectTimeoutMs(),
  });
}
