import { apiError } from '../errors/api-errors';

/**
 * The two paging styles of the ECS Describe APIs. `page` is the deprecated PageNumber/PageSize
 * style; `token` is MaxResults/NextToken, used as soon as either of the two is given.
 */
export type PageRequest =
  | { style: 'page'; pageNumber?: number; pageSize?: number }
  | { style: 'token'; maxResults?: number; nextToken?: string };

export interface PageLimits {
  defaultSize: number;
  minSize: number;
  maxSize: number;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  /** set for the page style */
  pageNumber?: number;
  pageSize?: number;
  /** set for the token style; '' on the last page */
  nextToken?: string;
}

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** Slices an already sorted list. Out-of-range sizes are clamped (documented for MaxResults). */
export function paginate<T>(items: T[], req: PageRequest, limits: PageLimits): Page<T> {
  if (req.style === 'page') {
    const pageSize = clamp(req.pageSize ?? limits.defaultSize, 1, limits.maxSize);
    const pageNumber = Math.max(1, req.pageNumber ?? 1);
    const start = (pageNumber - 1) * pageSize;
    return { items: items.slice(start, start + pageSize), totalCount: items.length, pageNumber, pageSize };
  }
  const size = clamp(req.maxResults ?? limits.defaultSize, limits.minSize, limits.maxSize);
  const start = req.nextToken ? decodeToken(req.nextToken) : 0;
  const end = start + size;
  return {
    items: items.slice(start, end),
    totalCount: items.length,
    nextToken: end < items.length ? encodeToken(end) : '',
  };
}

/** Opaque to clients; an offset into the sorted list underneath. */
function encodeToken(offset: number): string {
  return Buffer.from(`emu-offset:${offset}`).toString('base64url');
}

function decodeToken(token: string): number {
  const m = /^emu-offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw apiError('InvalidNextToken.Malformed');
  return Number(m[1]);
}
