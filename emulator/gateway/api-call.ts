import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FC_PATH } from '../handlers/fc';
import { RPC_V1_COMMON } from './signature';

/**
 * One API call as the gateway reads it off the wire, before anything is checked: where it goes
 * (FC's invoke path, or an RPC action of an API version) and its decoded parameters.
 */
export interface ApiCall {
  requestId: string;
  pathname: string;
  query: Record<string, string>;
  /** query ∪ form body, decoded: what a v1 signature covers */
  signed: Record<string, string>;
  /** the operation's parameters: `signed` without the v1 signature parameters */
  params: Record<string, string>;
  /** v1 (HMAC-SHA1 `Signature` parameter, in the query or the form body) rather than ACS3 (Authorization header) */
  v1: boolean;
  action: string;
  /** the API version, from `x-acs-version` (ACS3) or `Version` (v1); '' when none */
  version: string;
  /** FC InvokeFunction's function name as it appears in the path (still URI-encoded) */
  functionName?: string;
}

export function readApiCall(req: IncomingMessage, body: Buffer): ApiCall {
  const raw = req.url ?? '/';
  const mark = raw.indexOf('?');
  const pathname = mark < 0 ? raw : raw.slice(0, mark);
  const query: Record<string, string> = mark < 0 ? {} : Object.fromEntries(new URLSearchParams(raw.slice(mark + 1)));
  const functionName = FC_PATH.exec(pathname)?.[1];
  const signed = { ...query, ...formBody(req, body) };
  // v1 clients sign GET with the parameters in the query and POST with them in a form body (e.g.
  // @alicloud/pop-core): the signature is a parameter either way
  // (https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism)
  const v1 = req.headers.authorization === undefined && signed.Signature !== undefined;
  return {
    requestId: randomUUID().toUpperCase(),
    pathname,
    query,
    signed,
    params: v1 ? withoutKeys(signed, RPC_V1_COMMON) : signed,
    v1,
    action: functionName !== undefined ? 'InvokeFunction' : String(req.headers['x-acs-action'] ?? signed.Action ?? ''),
    version: String(req.headers['x-acs-version'] ?? signed.Version ?? ''),
    functionName,
  };
}

function withoutKeys(o: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

function formBody(req: IncomingMessage, body: Buffer): Record<string, string> {
  if (body.length === 0) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded')) return {};
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}
