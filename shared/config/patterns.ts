/**
 * The formats of the config file's identifiers. The semantic checks enforce them (with a specific
 * diagnostic code each) and the JSON Schema carries them as `pattern`, so editors flag them too.
 */
export const namePattern = /^[a-z0-9-]{1,63}$/;
export const regionPattern = /^[a-z]{2,}(-[a-z0-9]+)+$/;
export const accountIdPattern = /^[0-9]{1,20}$/;
export const securityGroupIdPattern = /^sg-[a-z0-9]+$/;
export const instanceIdPattern = /^i-[a-z0-9]+$/;
export const roleNamePattern = /^[A-Za-z0-9._-]{1,64}$/;
export const roleArnPattern = /^acs:ram::([0-9]{1,20}):role\/([A-Za-z0-9._-]{1,64})$/;
export const externalIdPattern = /^[\w+=,.@:/-]{2,1224}$/;
/** a Cloud Assistant command id, as CreateCommand answers it (c-...) */
export const commandIdPattern = /^c-[a-z0-9]+$/;
/** a Resource Directory folder id: `fd-` + 10, or the root `r-` + 6, letters or digits (the ListAncestors error table) */
export const folderIdPattern = /^(fd-[A-Za-z0-9]{10}|r-[A-Za-z0-9]{6})$/;
/** a side's `account` that means every declared and discovered account (a fleet side) */
export const FLEET_ACCOUNT = '*';
/** a declared deployment id (docs/configuration.md "Deployment identity"): carried in rule markers and the record's value */
export const deploymentIdPattern = /^[a-z0-9][a-z0-9-]{2,39}$/;
/**
 * a security group name as CreateSecurityGroup accepts it: 2 to 128 characters, starting with a letter (or a
 * Chinese character), not with http:// or https:// (letters, digits, `.`, `_`, `-` and `:` after it)
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createsecuritygroup)
 */
export const securityGroupNamePattern = /^(?!https?:\/\/)[\p{L}][\p{L}\p{N}._:-]{1,127}$/u;
export const portsPattern = /^(-?[0-9]+)\/(-?[0-9]+)$/;

/** The account UID inside a role ARN, or undefined when the ARN is malformed. */
export function roleArnAccountId(roleArn: string): string | undefined {
  return roleArnPattern.exec(roleArn)?.[1];
}
