import type { NormalizedConfig, NormalizedPairing, PairingSide } from '../config';
import { factKey, resolveReceivers } from '../rules';
import type { ActualState } from './actual-state';
import type { Assessment } from './assess-pairing';

/** A blocked pairing one of whose sides the API says no longer exists, and where its rules may sit. */
export interface GonePairing {
  readonly name: string;
  /** `<account>/<group>` of the groups its remaining sides receive in (and a named group still there) */
  readonly receivingGroups: readonly string[];
}

/**
 * Whether the API answered that this side's resource does not exist (`actual.gone`): an instance
 * side's instance, a group side's group. A read that failed is never gone: its account fails, and
 * the pairing with it (Failed), so its rules are left as they are. A stopped instance keeps its
 * address (not gone); a tag side is never gone (its members come and go, SourceGone per member).
 */
export function isGone(side: PairingSide, gone: ReadonlySet<string>): boolean {
  if (side.kind === 'instance') return gone.has(factKey(side.accountId, side.instanceId));
  if (side.kind === 'group') return gone.has(factKey(side.accountId, side.securityGroupId));
  return false;
}

/**
 * Pure: the Blocked pairings with a gone side. Every rule of a pairing of two sides involves both
 * (one sends, the other receives), so every owned rule of such a pairing was caused by its gone
 * side: it wants none of them any more (revoked as SourceGone where no other pairing wants them).
 */
export function gonePairings(
  config: NormalizedConfig,
  assessments: readonly Assessment[],
  actual: ActualState,
): GonePairing[] {
  const gone = new Set(actual.gone ?? []);
  if (gone.size === 0) return [];
  const declared = new Map(config.pairings.map((p) => [p.name, p]));
  const out: GonePairing[] = [];
  for (const a of assessments) {
    if (a.ready || a.entry.status !== 'Blocked') continue;
    const pairing = declared.get(a.entry.name);
    if (pairing === undefined || !pairing.sides.some((s) => isGone(s, gone))) continue;
    out.push({ name: pairing.name, receivingGroups: receivingGroupsLeft(pairing, gone, actual) });
  }
  return out;
}

function receivingGroupsLeft(pairing: NormalizedPairing, gone: ReadonlySet<string>, actual: ActualState): string[] {
  const keys = new Set<string>();
  for (const side of pairing.sides) {
    if (side.securityGroupId !== undefined && actual.groups[factKey(side.accountId, side.securityGroupId)])
      keys.add(factKey(side.accountId, side.securityGroupId));
    if (isGone(side, gone)) continue;
    const receivers = resolveReceivers(side, pairing.region, actual);
    if (receivers.ok) receivers.value.groups.forEach((g) => keys.add(factKey(g.accountId, g.groupId)));
  }
  return [...keys].sort();
}
