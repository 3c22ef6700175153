/** The API takes at most 100 permissions per Authorize/Revoke request. */
export const MAX_PERMISSIONS_PER_CALL = 100;

export function chunk<T>(items: readonly T[], size = MAX_PERMISSIONS_PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
