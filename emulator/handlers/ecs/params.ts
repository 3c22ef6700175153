import type { RequestContext } from '../../models/context';
import { apiError, type ErrorCode } from '../../errors/api-errors';
import type { PageRequest } from '../../models/paging';
import type { Scope } from '../../models/scope';

/** Decoding of ECS request parameters (wire names); no Alibaba semantics here. */

/** A parameter's value; an empty string counts as not given. */
export function opt(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.params[name];
  return v === undefined || v === '' ? undefined : v;
}

export function req(ctx: RequestContext, name: string): string {
  const v = opt(ctx, name);
  if (v === undefined) {
    throw apiError(
      'MissingParameter',
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    );
  }
  return v;
}

export function int(ctx: RequestContext, name: string): number | undefined {
  const v = opt(ctx, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw apiError('InvalidParameter', `The specified parameter "${name}" is not valid.`);
  return Number(v);
}

export function bool(ctx: RequestContext, name: string): boolean {
  return opt(ctx, name)?.toLowerCase() === 'true';
}

/** `Name.1`, `Name.2`, ... in index order. */
export function list(ctx: RequestContext, prefix: string): string[] {
  return indexed(ctx, prefix).map(([, fields]) => fields[''] ?? '');
}

/** `Prefix.N.Field` → one record per N (in index order), keyed by Field. */
export function records(ctx: RequestContext, prefix: string): Record<string, string>[] {
  return indexed(ctx, prefix).map(([, fields]) => fields);
}

function indexed(ctx: RequestContext, prefix: string): [number, Record<string, string>][] {
  const byIndex = new Map<number, Record<string, string>>();
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)(?:\\.(\\w+))?$`);
  for (const [k, v] of Object.entries(ctx.params)) {
    const m = re.exec(k);
    if (!m) continue;
    const n = Number(m[1]);
    const rec = byIndex.get(n) ?? {};
    rec[m[2] ?? ''] = v;
    byIndex.set(n, rec);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b);
}

/** A JSON-array-of-strings parameter such as InstanceIds (≤ 100 entries). */
export function jsonIds(ctx: RequestContext, name: string, malformedCode: ErrorCode): string[] | undefined {
  const v = opt(ctx, name);
  if (v === undefined) return undefined;
  let ids: unknown;
  try {
    ids = JSON.parse(v);
  } catch {
    throw apiError(malformedCode, `The specified parameter "${name}" is not valid.`);
  }
  if (!Array.isArray(ids) || ids.length > 100 || !ids.every((x) => typeof x === 'string')) {
    throw apiError(malformedCode, `The specified parameter "${name}" is not valid.`);
  }
  return ids;
}

/** Token paging as soon as MaxResults or NextToken is given, else PageNumber/PageSize. */
export function pageRequest(ctx: RequestContext): PageRequest {
  if (opt(ctx, 'MaxResults') !== undefined || opt(ctx, 'NextToken') !== undefined) {
    return { style: 'token', maxResults: int(ctx, 'MaxResults'), nextToken: opt(ctx, 'NextToken') };
  }
  return { style: 'page', pageNumber: int(ctx, 'PageNumber'), pageSize: int(ctx, 'PageSize') };
}

/**
 * The scope of a call. RegionId is required unless the operation documents it as optional; a
 * region other than the emulator's finds nothing (the model compares it with each resource's).
 */
export function scopeOf(ctx: RequestContext, regionOptional = false): Scope {
  const region = regionOptional ? (opt(ctx, 'RegionId') ?? ctx.region) : req(ctx, 'RegionId');
  return { world: ctx.world, account: ctx.caller.account, region, now: ctx.now };
}

export const INSTANCE = 'ACS::ECS::Instance';
export const SECURITY_GROUP = 'ACS::ECS::SecurityGroup';

/** Records a resource the call touched, for the ActionTrail event of a write. */
export function touch(ctx: RequestContext, type: string, ...ids: string[]): void {
  const seen = (ctx.facts.referencedResources[type] ??= []);
  for (const id of ids) if (!seen.includes(id)) seen.push(id);
}
