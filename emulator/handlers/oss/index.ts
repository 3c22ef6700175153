import { OssError } from './oss-xml';

export { handleOss, isOssRequest, type OssEnv } from './oss-request';
export { OssError } from './oss-xml';

/**
 * An injected fault in OSS's words: throttling as 503 SlowDown (UNCONFIRMED: COVERAGE-oss.md), a 5xx as
 * itself; 'hang' is answered as a 503 too (OSS requests are not left hanging by this emulator).
 */
export function ossFault(fault: unknown): OssError | undefined {
  if (fault === undefined || fault === null) return undefined;
  const e = fault as { code?: string; status?: number; message?: string };
  if (fault === 'hang') return new OssError(503, 'ServiceUnavailable', 'Injected fault: timeout.');
  if (String(e.code).startsWith('Throttling')) return new OssError(503, 'SlowDown', 'Please reduce your request rate.');
  return new OssError(e.status ?? 503, e.code ?? 'ServiceUnavailable', e.message ?? 'Injected fault.');
}
