import type { Handler } from '../../models/context';
import { apiError } from '../../errors/api-errors';
import { isoSeconds } from '../../events/event-log';
import { assumedRoleId, parseRoleArn } from '../../models/identity';
import { findRole, issueSession } from './sessions';

const SESSION_NAME = /^[\w.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const MIN_DURATION = 900;
/** Role chaining (assuming a role with STS credentials) is capped at one hour (UNCONFIRMED). */
const CHAINED_MAX_DURATION = 3600;

/**
 * STS AssumeRole (2015-04-01): the target role's trust lists the account UIDs that may assume it,
 * optionally under an ExternalId; the credentials act in the role's account.
 */
export const assumeRole: Handler = (ctx) => {
  const p = ctx.params;
  if (!p.RoleArn) throw apiError('MissingParameter', 'RoleArn is mandatory for this action.');
  if (!p.RoleSessionName) throw apiError('MissingParameter', 'RoleSessionName is mandatory for this action.');
  const ref = parseRoleArn(p.RoleArn);
  if (!ref)
    throw apiError(
      'InvalidParameter.RoleArn',
      `The parameter RoleArn is wrongly formed: "${p.RoleArn}" (expected acs:ram::<uid>:role/<name>).`,
    );
  if (!SESSION_NAME.test(p.RoleSessionName)) throw apiError('InvalidParameter.RoleSessionName');
  if (p.ExternalId !== undefined && !EXTERNAL_ID.test(p.ExternalId)) throw apiError('InvalidParameter.ExternalId');
  if (p.Policy !== undefined) checkPolicy(p.Policy);
  // "Roles may not be assumed by root accounts": a RAM user's key or a role session is needed
  // (STS AssumeRole errors, https://www.alibabacloud.com/help/doc-detail/42775.htm; status UNCONFIRMED)
  if (ctx.caller.root) throw apiError('NoPermission', 'Roles may not be assumed by root accounts.');

  const account = ctx.world.accounts.get(ref.account);
  const role = account && findRole(account, ref.name);
  if (!account || !role) throw apiError('EntityNotExist.Role', `The role ${p.RoleArn} does not exist.`);
  if (!role.trust.includes(ctx.caller.account)) {
    throw apiError(
      'NoPermission',
      `No permission perform sts:AssumeRole on this Role: its trust policy does not allow account ${ctx.caller.account}.`,
    );
  }
  if (role.externalId !== undefined && p.ExternalId !== role.externalId) {
    throw apiError(
      'NoPermission',
      'No permission perform sts:AssumeRole on this Role: the sts:ExternalId condition of its trust policy is not met.',
    );
  }

  const max = ctx.caller.session ? Math.min(role.maxSessionDuration, CHAINED_MAX_DURATION) : role.maxSessionDuration;
  const duration = p.DurationSeconds === undefined ? Math.min(3600, max) : Number(p.DurationSeconds);
  if (!Number.isInteger(duration) || duration < MIN_DURATION || duration > max) {
    throw apiError(
      'InvalidParameter.DurationSeconds',
      `The Min/Max value of DurationSeconds is ${MIN_DURATION}s/${max}s.`,
    );
  }

  const s = issueSession(ctx.world, account, role, p.RoleSessionName, duration, ctx.now);
  return {
    AssumedRoleUser: { Arn: `${s.roleArn}/${s.sessionName}`, AssumedRoleId: assumedRoleId(s) },
    Credentials: {
      AccessKeyId: s.accessKeyId,
      AccessKeySecret: s.secret,
      SecurityToken: s.token,
      Expiration: isoSeconds(s.expiresAt),
    },
  };
};

function checkPolicy(policy: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw apiError('InvalidParameter.PolicyGrammar', 'The parameter Policy is not valid JSON.');
  }
  if (
    policy.length > 2048 ||
    typeof doc !== 'object' ||
    doc === null ||
    !Array.isArray((doc as { Statement?: unknown }).Statement)
  ) {
    throw apiError(
      'InvalidParameter.PolicyGrammar',
      'The parameter Policy must be a policy document (with a Statement list) of at most 2048 characters.',
    );
  }
}
