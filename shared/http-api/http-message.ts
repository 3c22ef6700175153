import type { CloudErrorCode, ErrorCode } from '../error-codes';
import type { PayloadError } from '../payload';

/**
 * The HTTP face's own small request and response values: what every transport (the FC 3.0 HTTP
 * trigger, `sg-pairing serve`) is decoded into and encoded from. Pure data, no I/O.
 */
export interface HttpRequest {
  /** upper case, e.g. 'GET' */
  readonly method: string;
  /** decoded path, e.g. '/plan' */
  readonly path: string;
  /** multi-valued; FC joins repeated parameters with commas, so those arrive split */
  readonly query: Readonly<Record<string, readonly string[]>>;
  /** lower-cased names; repeated headers joined with ', ' as HTTP allows */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The error body every non-2xx answer carries. `issues` lists each bad field of a 400. */
export interface HttpErrorBody {
  error: {
    code: ErrorCode | CloudErrorCode;
    message: string;
    retryable?: boolean;
    issues?: { path: string; message: string }[];
  };
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function errorResponse(
  statusCode: number,
  error: HttpErrorBody['error'],
  headers: Record<string, string> = {},
): HttpResponse {
  return jsonResponse(statusCode, { error } satisfies HttpErrorBody, headers);
}

/** 400 for input that can never succeed: its code, its message and, when the schema found them, each issue. */
export function refuseInput(error: PayloadError): HttpResponse {
  const issues = error.issues ? { issues: [...error.issues] } : {};
  return errorResponse(400, { code: error.code, message: error.message, ...issues });
}
