import { configError, joinPath, type Diagnostic } from '../diagnostic';
import type { LooseConfig, LoosePairing, LooseSide } from '../loose-config';
import { FLEET_ACCOUNT } from '../patterns';

export function checkSideCount(config: LooseConfig): Diagnostic[] {
  return config.pairings.flatMap((p) =>
    p.sides !== undefined && p.sides.length !== 2
      ? [
          configError(
            'WrongSideCount',
            joinPath(p.path, 'between'),
            `a pairing has exactly 2 sides, got ${p.sides.length}`,
          ),
        ]
      : [],
  );
}

/**
 * A side names exactly one of a security group, an instance or tags; an instance or tag side may
 * also name its receiving group with `securityGroup`.
 */
export function checkSideTargets(config: LooseConfig): Diagnostic[] {
  return allSides(config).flatMap((side) => {
    if (
      side.securityGroup === undefined &&
      side.instance === undefined &&
      side.tags === undefined &&
      side.securityGroupName === undefined
    ) {
      return [configError('SideWithoutTarget', side.path, 'a side needs "securityGroup", "instance" or "tags"')];
    }
    if (side.instance !== undefined && side.tags !== undefined) {
      return [
        configError(
          'ConflictingSideTargets',
          side.path,
          'a side is an instance or a tag selection, not both (give the instance its own pairing)',
        ),
      ];
    }
    return [];
  });
}

export function checkAccountAliases(config: LooseConfig): Diagnostic[] {
  const aliases = new Set(config.accounts.map((a) => a.alias));
  return allSides(config).flatMap((side) =>
    side.account !== undefined && side.account !== FLEET_ACCOUNT && !aliases.has(side.account)
      ? [
          configError(
            'UnknownAccountAlias',
            joinPath(side.path, 'account'),
            `unknown account alias ${JSON.stringify(side.account)}`,
          ),
        ]
      : [],
  );
}

/**
 * Both sides name the same group of the same account, and at least one is a group side: a group
 * cannot reference itself. (Two instance or tag sides that receive in one group are fine.)
 */
export function checkSameGroupBothSides(config: LooseConfig): Diagnostic[] {
  return pairsOfSides(config).flatMap(([p, first, second]) =>
    first.account !== undefined &&
    first.account === second.account &&
    first.securityGroup !== undefined &&
    first.securityGroup === second.securityGroup &&
    (isGroupSide(first) || isGroupSide(second))
      ? [
          configError(
            'SameGroupBothSides',
            joinPath(p.path, 'between'),
            `both sides are security group ${first.securityGroup} of account "${first.account}"`,
          ),
        ]
      : [],
  );
}

export function isGroupSide(side: LooseSide): boolean {
  return (
    (side.securityGroup !== undefined || side.securityGroupName !== undefined) &&
    side.instance === undefined &&
    side.tags === undefined
  );
}

export function checkSameInstanceBothSides(config: LooseConfig): Diagnostic[] {
  return pairsOfSides(config).flatMap(([p, first, second]) =>
    first.account !== undefined &&
    first.account === second.account &&
    first.instance !== undefined &&
    first.instance === second.instance
      ? [
          configError(
            'SameInstanceBothSides',
            joinPath(p.path, 'between'),
            `both sides are instance ${first.instance} of account "${first.account}"`,
          ),
        ]
      : [],
  );
}

function allSides(config: LooseConfig): LooseSide[] {
  return config.pairings.flatMap((p) => p.sides ?? []);
}

export function pairsOfSides(config: LooseConfig): Array<[LoosePairing, LooseSide, LooseSide]> {
  return config.pairings.flatMap((p): Array<[LoosePairing, LooseSide, LooseSide]> =>
    p.sides?.length === 2 ? [[p, p.sides[0], p.sides[1]]] : [],
  );
}
