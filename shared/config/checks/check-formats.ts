import { configError, joinPath, type Diagnostic } from '../diagnostic';
import type { LooseConfig } from '../loose-config';
import {
  accountIdPattern,
  commandIdPattern,
  deploymentIdPattern,
  externalIdPattern,
  instanceIdPattern,
  namePattern,
  regionPattern,
  roleArnAccountId,
  roleArnPattern,
  roleNamePattern,
  securityGroupIdPattern,
} from '../patterns';

/** Checks one optional string against a pattern; absent or non-string values are the schema's job. */
function checkFormat(
  value: string | undefined,
  pattern: RegExp,
  code: string,
  path: string,
  what: string,
): Diagnostic[] {
  if (value === undefined || pattern.test(value)) return [];
  return [configError(code, path, `${what} ${JSON.stringify(value)} is not valid`)];
}

const nameRule = 'lower-case letters, digits and "-", 1 to 63 characters';

export function checkNames(config: LooseConfig): Diagnostic[] {
  return [
    ...checkFormat(config.name, namePattern, 'InvalidName', 'name', `deployment name (${nameRule})`),
    ...checkFormat(
      config.deploymentId,
      deploymentIdPattern,
      'InvalidDeploymentId',
      'deploymentId',
      'deployment id (lower-case letters, digits and "-", 3 to 40 characters, not starting with "-")',
    ),
    ...config.pairings.flatMap((p) =>
      checkFormat(p.name, namePattern, 'InvalidName', joinPath(p.path, 'name'), `pairing name (${nameRule})`),
    ),
  ];
}

export function checkRegions(config: LooseConfig): Diagnostic[] {
  const what = 'region (like cn-qingdao)';
  return [
    ...checkFormat(config.region, regionPattern, 'InvalidRegion', 'region', what),
    ...config.pairings.flatMap((p) =>
      checkFormat(p.region, regionPattern, 'InvalidRegion', joinPath(p.path, 'region'), what),
    ),
  ];
}

export function checkAccountIds(config: LooseConfig): Diagnostic[] {
  return config.accounts.flatMap((a) =>
    checkFormat(a.id, accountIdPattern, 'InvalidId', joinPath(a.path, 'id'), 'account id (1 to 20 digits)'),
  );
}

export function checkSideIds(config: LooseConfig): Diagnostic[] {
  return config.pairings.flatMap((p) =>
    (p.sides ?? []).flatMap((side) => [
      ...checkFormat(
        side.securityGroup,
        securityGroupIdPattern,
        'InvalidId',
        joinPath(side.path, 'securityGroup'),
        'security group id (sg-...)',
      ),
      ...checkFormat(
        side.instance,
        instanceIdPattern,
        'InvalidId',
        joinPath(side.path, 'instance'),
        'instance id (i-...)',
      ),
    ]),
  );
}

/** roleName, each roleArn (format, and its account equals the account id) and each externalId. */
export function checkRoles(config: LooseConfig): Diagnostic[] {
  const roleName = checkFormat(
    config.roleName,
    roleNamePattern,
    'InvalidRoleName',
    'roleName',
    'role name (letters, digits, ".", "_", "-"; up to 64)',
  );
  const accounts = config.accounts.flatMap((a) => {
    const arnPath = joinPath(a.path, 'roleArn');
    const arn = checkFormat(
      a.roleArn,
      roleArnPattern,
      'InvalidRoleArn',
      arnPath,
      'roleArn (acs:ram::<account id>:role/<name>)',
    );
    const arnAccount = a.roleArn === undefined ? undefined : roleArnAccountId(a.roleArn);
    const mismatch =
      arnAccount !== undefined && a.id !== undefined && arnAccount !== a.id
        ? [
            configError(
              'RoleArnAccountMismatch',
              arnPath,
              `roleArn is in account ${arnAccount} but the account id is ${a.id}`,
            ),
          ]
        : [];
    const externalId = checkFormat(
      a.externalId,
      externalIdPattern,
      'InvalidExternalId',
      joinPath(a.path, 'externalId'),
      'externalId (2 to 1224 of letters, digits and +=,.@:/-_)',
    );
    const command = checkFormat(
      a.verifyCommandId,
      commandIdPattern,
      'InvalidId',
      joinPath(a.path, 'verifyCommandId'),
      'Cloud Assistant command id (c-...)',
    );
    return [...arn, ...mismatch, ...externalId, ...command];
  });
  return [...roleName, ...accounts];
}
