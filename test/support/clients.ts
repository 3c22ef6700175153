import Ecs from '@alicloud/ecs20140526';
import FC from '@alicloud/fc20230330';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import Sts from '@alicloud/sts20150401';

/** Real SDK clients pointed at a local emulator: what every integration test talks through. */
export interface Creds {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

function config(url: string, creds: Creds): $OpenApiUtil.Config {
  const u = new URL(url);
  return new $OpenApiUtil.Config({
    ...creds,
    endpoint: u.host,
    protocol: u.protocol.replace(':', ''),
    regionId: 'cn-qingdao',
    readTimeout: 10_000,
    connectTimeout: 5_000,
  });
}

export const ecsClient = (url: string, creds: Creds): Ecs => new Ecs(config(url, creds));
export const stsClient = (url: string, creds: Creds): Sts => new Sts(config(url, creds));
export const fcClient = (url: string, creds: Creds): FC => new FC(config(url, creds));

/** Awaits a promise expected to reject with an SDK error, returning its code and HTTP status. */
export async function sdkError(p: Promise<unknown>): Promise<{ code: string; statusCode: number; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; statusCode?: number; message?: string };
    return { code: String(e.code), statusCode: Number(e.statusCode), message: String(e.message) };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
