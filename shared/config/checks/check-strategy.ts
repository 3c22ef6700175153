import { configError, joinPath, type Diagnostic } from '../diagnostic';
import type { LooseConfig, LoosePairing, LooseSide } from '../loose-config';
import { canonicalCidr } from '../../net';
import { isGroupSide, pairsOfSides } from './check-sides';

const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 128;
const TAGS_MAX = 20;

/** `tags`: a map of 1..20 string keys and values; keys 1..128 characters, not starting with aliyun or acs:. */
export function checkTags(config: LooseConfig): Diagnostic[] {
  return config.pairings.flatMap((p) =>
    (p.sides ?? []).flatMap((side) => {
      if (side.tags === undefined) return [];
      const path = joinPath(side.path, 'tags');
      if (typeof side.tags !== 'object' || side.tags === null || Array.isArray(side.tags)) return []; // the schema reports it
      const entries = Object.entries(side.tags as Record<string, unknown>);
      if (entries.length === 0)
        return [
          configError(
            'InvalidTags',
            path,
            'tags needs at least one key: value (an empty selection would match every instance)',
          ),
        ];
      if (entries.length > TAGS_MAX)
        return [configError('InvalidTags', path, `at most ${TAGS_MAX} tags, got ${entries.length}`)];
      return entries.flatMap(([key, value]) => {
        const at = joinPath(path, key);
        if (key.length === 0 || key.length > TAG_KEY_MAX || /^(aliyun|acs:)/i.test(key)) {
          return [
            configError(
              'InvalidTags',
              at,
              `tag key ${JSON.stringify(key)} must be 1 to ${TAG_KEY_MAX} characters and not start with "aliyun" or "acs:"`,
            ),
          ];
        }
        if (typeof value === 'string' && value.length > TAG_VALUE_MAX)
          return [configError('InvalidTags', at, `tag value must be at most ${TAG_VALUE_MAX} characters`)];
        return [];
      });
    }),
  );
}

/** `cidrs`: a non-empty list of IPv4 CIDRs in network form (10.1.0.0/16, or a bare address for /32). */
export function checkCidrs(config: LooseConfig): Diagnostic[] {
  return config.pairings.flatMap((p) =>
    (p.sides ?? []).flatMap((side) => {
      if (!Array.isArray(side.cidrs)) return []; // absent, or not a list: the schema reports it
      const path = joinPath(side.path, 'cidrs');
      if (side.cidrs.length === 0) return [configError('InvalidCidr', path, 'cidrs needs at least one IPv4 CIDR')];
      return side.cidrs.flatMap((cidr: unknown, i) => {
        if (typeof cidr !== 'string') return [];
        const canonical = canonicalCidr(cidr);
        if (canonical.ok) return [];
        return [configError('InvalidCidr', joinPath(path, i), canonical.message)];
      });
    }),
  );
}

/**
 * What each strategy needs: `cidrs` only with strategy cidr, and then on every sending side;
 * strategy group only between sending group sides (an instance or a tag selection is no group).
 */
export function checkStrategyFitsSides(config: LooseConfig): Diagnostic[] {
  return pairsOfSides(config).flatMap(([p, first, second]) => {
    const out: Diagnostic[] = [];
    const strategy = p.strategy;
    for (const side of [first, second]) {
      if (side.cidrs !== undefined && strategy !== 'cidr') {
        out.push(
          configError(
            'CidrsNeedCidrStrategy',
            joinPath(side.path, 'cidrs'),
            `cidrs are used only with "strategy: cidr" (this pairing's strategy is ${strategy ?? 'invalid'})`,
          ),
        );
      }
    }
    for (const side of sendingSides(p, first, second)) {
      if (strategy === 'cidr' && side.cidrs === undefined) {
        out.push(
          configError(
            'MissingCidrs',
            side.path,
            'with "strategy: cidr" every sending side needs "cidrs" (the ranges it sends from)',
          ),
        );
      }
      if (strategy === 'group' && !isGroupSide(side)) {
        out.push(
          configError(
            'GroupStrategyNeedsGroupSide',
            joinPath(p.path, 'strategy'),
            `"strategy: group" needs every sending side to be a security group; ${side.path} is ${side.instance !== undefined ? 'an instance' : 'a tag selection'} (use auto or addresses)`,
          ),
        );
      }
    }
    return out;
  });
}

function sendingSides(p: LoosePairing, first: LooseSide, second: LooseSide): LooseSide[] {
  return p.direction === 'first-to-second' ? [first] : [first, second];
}
