import { canonicalCidr, isPrivateRange, withinAny } from '../../net';
import { configError, joinPath, type Diagnostic } from '../diagnostic';
import type { LooseConfig } from '../loose-config';

/** Each `allowedMemberRanges` entry (of an account or a side) is an IPv4 CIDR. */
export function checkMemberRanges(config: LooseConfig): Diagnostic[] {
  const holders = [...config.accounts, ...config.pairings.flatMap((p) => p.sides ?? [])];
  return holders.flatMap((holder) => {
    if (!Array.isArray(holder.allowedMemberRanges)) return []; // absent, or not a list: the schema reports it
    const path = joinPath(holder.path, 'allowedMemberRanges');
    return holder.allowedMemberRanges.flatMap((cidr: unknown, i) => {
      if (typeof cidr !== 'string') return [];
      const canonical = canonicalCidr(cidr);
      return canonical.ok ? [] : [configError('InvalidCidr', joinPath(path, i), canonical.message)];
    });
  });
}

/**
 * A side's `cidrs` stay within the private ranges (10/8, 172.16/12, 192.168/16, 100.64/10) or the
 * ranges declared for the side or its account, unless the side says `allowPublic: true`: a range
 * such as 0.0.0.0/0 opens the peer's group to the internet.
 */
export function checkPublicCidrs(config: LooseConfig): Diagnostic[] {
  const declaredOf = (ranges: unknown): string[] =>
    Array.isArray(ranges)
      ? ranges.flatMap((r: unknown) => {
          const c = typeof r === 'string' ? canonicalCidr(r) : undefined;
          return c?.ok ? [c.cidr] : [];
        })
      : [];
  const accountRanges = new Map(config.accounts.map((a) => [a.alias, declaredOf(a.allowedMemberRanges)]));
  return config.pairings.flatMap((p) =>
    (p.sides ?? []).flatMap((side) => {
      if (side.allowPublic === true || !Array.isArray(side.cidrs)) return [];
      const declared = [...declaredOf(side.allowedMemberRanges), ...(accountRanges.get(side.account ?? '') ?? [])];
      return side.cidrs.flatMap((cidr: unknown, i) => {
        const canonical = typeof cidr === 'string' ? canonicalCidr(cidr) : undefined;
        if (!canonical?.ok || isPrivateRange(canonical.cidr) || withinAny(canonical.cidr, declared)) return [];
        return [
          configError(
            'PublicCidr',
            joinPath(joinPath(side.path, 'cidrs'), i),
            `${canonical.cidr} is not within the private ranges (10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12, 192.168.0.0/16) nor the side's or account's allowedMemberRanges: set "allowPublic: true" on this side to open it anyway`,
          ),
        ];
      });
    }),
  );
}
