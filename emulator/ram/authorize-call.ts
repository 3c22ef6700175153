import type { Caller, World } from '../models/world';
import { AccessDeniedError, type AccessDeniedDetail } from './access-denied';
import { evaluatePolicy, type RamDecision } from './evaluate-policy';
import { parseRamPolicy } from './policy-document';
import { ramRequestOf, type RamCall } from './ram-request';

/**
 * The RAM check of one authenticated call. Only role sessions are checked, against the permission
 * policy of their role (`policy:` in the scenario); a role without one, and a long-lived key (the
 * account's own, i.e. root), keep full access. Throws Forbidden.RAM (403) with an
 * AccessDeniedDetail when the policy does not allow the call.
 */
export function authorizeCall(
  world: World,
  caller: Caller,
  call: Omit<RamCall, 'region' | 'account' | 'accountOf'>,
): void {
  const session = caller.session;
  if (!session) return;
  const roleName = session.roleArn.slice(session.roleArn.lastIndexOf('/') + 1).toLowerCase();
  const role = [...(world.accounts.get(session.account)?.roles.values() ?? [])].find(
    (r) => r.name.toLowerCase() === roleName,
  );
  if (role?.policy === undefined) return; // no policy: full access, as before policies existed
  const accountOf = (nameOrUid: string) =>
    world.accounts.has(nameOrUid) ? nameOrUid : [...world.accounts.values()].find((a) => a.name === nameOrUid)?.id;
  const request = ramRequestOf({ ...call, region: world.region, account: caller.account, accountOf });
  const principal = { owner: session.account, name: `${role.name}:${session.sessionName}` };
  const parsed = parseRamPolicy(role.policy);
  if (!parsed.ok) {
    const why = parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw denied(
      `${request.action} is refused: the policy of role ${role.name} is not a valid RAM policy document (${why}).`,
      request.action,
      request.resources[0],
      { effect: 'ImplicitDeny', resource: request.resources[0] },
      principal,
    );
  }
  const decision = evaluatePolicy(parsed.value, request);
  if (decision.effect === 'Allow') return;
  const why =
    decision.effect === 'ExplicitDeny' ? `denied by Statement[${decision.statement}]` : 'allowed by no statement';
  throw denied(
    `User not authorized to operate on the specified resource: ${request.action} on ${decision.resource} is ${why} of the policy of role ${role.name}.`,
    request.action,
    decision.resource,
    decision,
    principal,
  );
}

function denied(
  message: string,
  action: string,
  resource: string,
  decision: Exclude<RamDecision, { effect: 'Allow' }>,
  principal: { owner: string; name: string },
): AccessDeniedError {
  const explicit = decision.effect === 'ExplicitDeny';
  const diagnosis = {
    AuthAction: action,
    AuthResource: resource,
    ExplicitDeny: explicit,
    ...(explicit ? { MatchedStatement: decision.statement } : {}),
  };
  const detail: AccessDeniedDetail = {
    AuthAction: action,
    AuthPrincipalType: 'AssumedRoleUser',
    AuthPrincipalOwnerId: principal.owner,
    AuthPrincipalDisplayName: principal.name,
    NoPermissionType: decision.effect,
    PolicyType: 'AccountLevelIdentityBasedPolicy',
    EncodedDiagnosticMessage: Buffer.from(JSON.stringify(diagnosis)).toString('base64'),
  };
  return new AccessDeniedError(message, detail);
}
