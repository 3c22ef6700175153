import type OSS from 'ali-oss';
import { isIP } from 'node:net';
import { cloudErrorCode } from '../../error-codes';
import { SgPairingError } from '../../errors';
import type { ObjectStorePort, StoredObject } from '../port';
import { defaultChainCredential } from './default-chain-credential';
import type { Endpoint } from './endpoints';
import { readTimeoutMs, type StaticCredentials } from './sdk-config';
import type { BaseIdentity } from './sts-adapter';

/** The OSS codes a later try may get past (OSS error responses: https://www.alibabacloud.com/help/en/oss/support/http-status-code-503). */
const TRANSIENT_OSS = new Set(['SlowDown', 'ServiceUnavailable', 'InternalError', 'RequestTimeout', 'Throttling']);

/**
 * One OSS bucket of the hub through the official Node client `ali-oss` (V1 signature, its default),
 * as the hub's own identity. Endpoint: SG_PAIRING_OSS_ENDPOINT when given, else `oss-<region>.aliyuncs.com`
 * over HTTPS, virtual-hosted (`<bucket>.<endpoint>`). An endpoint whose host is an IP address or
 * `localhost` (the emulator) is addressed path-style (`<endpoint>/<bucket>/<key>`: ali-oss's `sldEnable`),
 * since such a host cannot carry the bucket as a subdomain.
 */
export class OssAdapter implements ObjectStorePort {
  constructor(
    private readonly region: string,
    private readonly bucket: string,
    private readonly identity: () => BaseIdentity,
    private readonly endpoint: Endpoint | undefined,
  ) {}

  async putObject(key: string, body: string): Promise<void> {
    const client = await this.client();
    await this.call('oss:PutObject', key, () =>
      client.put(key, Buffer.from(body, 'utf8'), { headers: { 'Content-Type': 'application/json' } }),
    );
  }

  async getObject(key: string): Promise<string> {
    const client = await this.client();
    const out = await this.call('oss:GetObject', key, () => client.get(key));
    return Buffer.isBuffer(out.content) ? out.content.toString('utf8') : String(out.content ?? '');
  }

  async listObjects(prefix: string): Promise<StoredObject[]> {
    const client = await this.client();
    const objects: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.call('oss:ListObjects', prefix, () =>
        client.listV2(
          { prefix, 'max-keys': '1000', ...(token === undefined ? {} : { 'continuation-token': token }) },
          {},
        ),
      );
      for (const o of page.objects ?? []) objects.push({ key: o.name, lastModified: o.lastModified });
      token = page.isTruncated ? (page.nextContinuationToken ?? undefined) : undefined;
    } while (token !== undefined);
    return objects;
  }

  private async client(): Promise<OSS> {
    const identity = this.identity();
    const creds: StaticCredentials =
      identity.kind === 'static'
        ? identity.credentials
        : chainCredentials(await defaultChainCredential().getCredential());
    const host = this.endpoint?.host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const pathStyle = host !== undefined && (isIP(host) !== 0 || host === 'localhost');
    // loaded on first use: a run without SG_PAIRING_HISTORY never evaluates ali-oss (cold start unchanged)
    const { default: Client } = await import('ali-oss');
    return new Client({
      accessKeyId: creds.accessKeyId,
      accessKeySecret: creds.accessKeySecret,
      ...(creds.securityToken
        ? {
            stsToken: creds.securityToken,
            refreshSTSToken: async () => ({
              accessKeyId: creds.accessKeyId,
              accessKeySecret: creds.accessKeySecret,
              stsToken: creds.securityToken ?? '',
            }),
          }
        : {}),
      bucket: this.bucket,
      region: `oss-${this.region}`,
      ...(this.endpoint === undefined
        ? { secure: true }
        : {
            endpoint: `${this.endpoint.protocol}://${this.endpoint.host}`,
            secure: this.endpoint.protocol === 'https',
          }),
      ...(pathStyle ? { sldEnable: true } : {}),
      timeout: readTimeoutMs(),
      retryMax: 0,
      // retryMax and sldEnable are ali-oss options its published typings do not list
    } as unknown as OSS.Options);
  }

  /** One call; its failure re-wrapped with OSS's code, status and message only (never the request or its signature). */
  private async call<T>(operation: string, key: string, act: () => Promise<T>): Promise<T> {
    try {
      return await act();
    } catch (err) {
      const e = (err ?? {}) as { code?: unknown; status?: unknown; message?: unknown };
      const status = typeof e.status === 'number' ? e.status : undefined;
      const code =
        typeof e.code === 'string' && e.code !== '' ? e.code : status === undefined ? 'NetworkError' : `Http${status}`;
      const message = String(e.message ?? code)
        .split('\n')[0]
        .slice(0, 300);
      throw new SgPairingError(`${operation} oss://${this.bucket}/${key}: ${message}`, {
        code: cloudErrorCode(code),
        retryable: TRANSIENT_OSS.has(code) || (status !== undefined && status >= 500) || status === undefined,
        operation,
      });
    }
  }
}

function chainCredentials(c: {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
}): StaticCredentials {
  return {
    accessKeyId: c.accessKeyId ?? '',
    accessKeySecret: c.accessKeySecret ?? '',
    ...(c.securityToken ? { securityToken: c.securityToken } : {}),
  };
}
