import { configError, configWarning, joinPath, type Diagnostic } from '../diagnostic';
import { FLEET_NAME_MAX, FLEET_NAME_SEPARATOR } from '../fleet';
import type { LooseConfig, LoosePairing } from '../loose-config';
import { FLEET_ACCOUNT, folderIdPattern, securityGroupNamePattern } from '../patterns';

const isFleet = (p: LoosePairing) => (p.sides ?? []).some((s) => s.account === FLEET_ACCOUNT);

/**
 * A fleet side (`account: "*"`) is a tag selection or a group by name in every account: one fleet side
 * per pairing (two would pair every account with every other), no group or instance id (ids belong to
 * one account), and a name short enough for its expansions `<name>--<uid>`.
 */
export function checkFleetSides(config: LooseConfig): Diagnostic[] {
  return config.pairings.filter(isFleet).flatMap((p) => {
    const sides = p.sides ?? [];
    const out: Diagnostic[] = [];
    if (sides.every((s) => s.account === FLEET_ACCOUNT))
      out.push(
        configError(
          'TwoFleetSides',
          joinPath(p.path, 'between'),
          'at most one side of a pairing may be a fleet side (account "*"): name the other side\'s account',
        ),
      );
    for (const side of sides.filter((s) => s.account === FLEET_ACCOUNT)) {
      if (
        side.securityGroup !== undefined ||
        side.instance !== undefined ||
        (side.tags === undefined && side.securityGroupName === undefined)
      )
        out.push(
          configError(
            'FleetSideNeedsTags',
            side.path,
            'a fleet side (account "*") selects instances by `tags`, or a group by `securityGroupName`, in every account; it cannot name a securityGroup or instance id, which belong to one account',
          ),
        );
    }
    if (p.name !== undefined && p.name.length > FLEET_NAME_MAX)
      out.push(
        configError(
          'FleetNameTooLong',
          joinPath(p.path, 'name'),
          `a fleet pairing's name is at most ${FLEET_NAME_MAX} characters: each account's pairing is named "<name>${FLEET_NAME_SEPARATOR}<account id>"`,
        ),
      );
    return out;
  });
}

/**
 * `securityGroupName` names a group in each account a fleet side expands to: a name CreateSecurityGroup
 * accepts (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createsecuritygroup),
 * on a fleet side only (an ordinary side names its one group by id).
 */
export function checkSecurityGroupNames(config: LooseConfig): Diagnostic[] {
  return config.pairings.flatMap((p) =>
    (p.sides ?? []).flatMap((side) => {
      const name = side.securityGroupName;
      if (name === undefined) return [];
      const path = joinPath(side.path, 'securityGroupName');
      if (side.account !== FLEET_ACCOUNT)
        return [
          configError(
            'GroupNameNeedsFleet',
            path,
            'securityGroupName is for a fleet side (account "*"): name this account\'s group by its id with `securityGroup`',
          ),
        ];
      return securityGroupNamePattern.test(name)
        ? []
        : [
            configError(
              'InvalidSecurityGroupName',
              path,
              `${JSON.stringify(name)} is not a security group name: 2 to 128 characters, starting with a letter, then letters, digits, ".", "_", "-" or ":", not http:// or https://`,
            ),
          ];
    }),
  );
}

/** A declared pairing named like a fleet pairing's expansion would share its rules. */
export function checkFleetNameCollisions(config: LooseConfig): Diagnostic[] {
  const fleetNames = config.pairings.filter(isFleet).flatMap((p) => (p.name === undefined ? [] : [p.name]));
  return config.pairings.flatMap((p) => {
    const name = p.name;
    const owner = fleetNames.find(
      (f) =>
        name !== undefined &&
        name.startsWith(f + FLEET_NAME_SEPARATOR) &&
        /^[0-9]+$/.test(name.slice(f.length + FLEET_NAME_SEPARATOR.length)),
    );
    return owner === undefined
      ? []
      : [
          configError(
            'FleetNameCollision',
            joinPath(p.path, 'name'),
            `"${p.name}" is the name fleet pairing "${owner}" gives one of its accounts; rename one of them`,
          ),
        ];
  });
}

/** Folder ids are `fd-` + 10 (or the root `r-` + 6) letters or digits; a fleet side without a directory covers declared accounts only. */
export function checkResourceDirectory(config: LooseConfig): Diagnostic[] {
  const rd = config.resourceDirectory;
  const out: Diagnostic[] = [];
  if (rd !== undefined && Array.isArray(rd.folderIds)) {
    if (rd.folderIds.length === 0)
      out.push(
        configError(
          'InvalidFolderId',
          joinPath(rd.path, 'folderIds'),
          'folderIds needs at least one folder (leave it out to discover every member of the directory)',
        ),
      );
    rd.folderIds.forEach((id, i) => {
      if (typeof id === 'string' && !folderIdPattern.test(id))
        out.push(
          configError(
            'InvalidFolderId',
            joinPath(joinPath(rd.path, 'folderIds'), i),
            `${JSON.stringify(id)} is not a folder id (fd- followed by 10 letters or digits, e.g. fd-bVaRIG3kEx)`,
          ),
        );
    });
  }
  if (rd === undefined && config.pairings.some(isFleet))
    out.push(
      configWarning(
        'FleetWithoutDirectory',
        'pairings',
        'a fleet side (account "*") without `resourceDirectory` covers the declared accounts only',
      ),
    );
  return out;
}
