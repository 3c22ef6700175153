import { SgPairingError } from '../../errors';

export interface Endpoint {
  /** host[:port] */
  host: string;
  protocol: 'http' | 'https';
}

/**
 * Reads an endpoint override such as `http://127.0.0.1:8080` or `https://ecs-vpc.cn-qingdao.aliyuncs.com`.
 * A value without a scheme is refused: silently defaulting to https would hide a typo for a local emulator.
 */
export function endpointFromEnv(variable: string, env: NodeJS.ProcessEnv = process.env): Endpoint | undefined {
  const raw = env[variable];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SgPairingError(`${variable}: "${raw}" is not a URL with a scheme (e.g. http://127.0.0.1:8080)`, {
      code: 'EndpointInvalid',
      retryable: false,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SgPairingError(`${variable}: scheme must be http or https, got ${url.protocol}`, {
      code: 'EndpointInvalid',
      retryable: false,
    });
  }
  return { host: url.host, protocol: url.protocol === 'http:' ? 'http' : 'https' };
}
