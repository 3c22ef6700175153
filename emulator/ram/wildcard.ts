/**
 * RAM pattern matching: `*` matches any run of characters (also none and `:` or `/`), everything
 * else is literal. Actions compare case-insensitively (`ecs:describe*` = `ecs:Describe*`),
 * resources case-sensitively (UNCONFIRMED, see COVERAGE.md).
 */
export function matchesPattern(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  const parts = p.split('*');
  if (parts.length === 1) return p === v;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (v.length < first.length + last.length || !v.startsWith(first) || !v.endsWith(last)) return false;
  // the middle parts in order, greedily leftmost, between the fixed head and tail
  let at = first.length;
  const end = v.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = v.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
