import type { ServerResponse } from 'node:http';

export const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An OSS error as OSS answers it: an XML `<Error>` body with Code, Message, RequestId, HostId (OSS error responses). */
export class OssError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendOssError(res: ServerResponse, e: OssError, requestId: string, host: string): void {
  const fields = Object.entries(e.extra)
    .map(([k, v]) => `  <${k}>${xmlEscape(v)}</${k}>\n`)
    .join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${e.code}</Code>\n  <Message>${xmlEscape(e.message)}</Message>\n  <RequestId>${requestId}</RequestId>\n  <HostId>${xmlEscape(host)}</HostId>\n${fields}</Error>\n`;
  res.writeHead(e.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-oss-request-id': requestId,
  });
  res.end(body);
}
